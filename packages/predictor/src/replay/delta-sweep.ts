import { aimedRule } from '../options/aim.js';
import { resolvePredictorOptions } from '../options/resolve-options.js';
import type { ReplayConfig } from './run-config.js';
import type { SeedSummary } from './seeds.js';

/**
 * Sweeping δ on your own curves. The top-fraction rule's `delta` (the default rule's risk knob; what it aims at,
 * `aim.fraction`, is the other) trades epochs saved for top trials kept, and which δ keeps what differs from one kind
 * of search to the next (on the development sets the δ keeping 0.85 of the top 10% ranges from below 0.005 to 0.35).
 * `penguin replay --deltas` replays each configuration once per δ, so a user picks δ from the frontier of their own
 * earlier curves.
 */

/** Parses `0.01,0.05,0.1` into distinct numbers in (0, 1), in the order given. */
export function parseDeltas(text: string): number[] {
  const deltas = text.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s)));
  if (deltas.some((d) => !(d > 0 && d < 1)) || new Set(deltas).size !== deltas.length)
    throw new RangeError(
      `replay.deltas: expected a list of distinct numbers in (0, 1) such as 0.01,0.05,0.1, got "${text}"`,
    );
  return deltas;
}

/**
 * Each configuration once per δ, named `<name> δ=<δ>`: its rule (the default rule where it sets none) with `delta`
 * in every top-fraction rule, its other options as they are. A configuration whose rule has no top-fraction rule
 * has no δ to sweep: a RangeError names it.
 */
export function sweepDeltas(configs: readonly ReplayConfig[], deltas: readonly number[]): ReplayConfig[] {
  return configs.flatMap((config) => {
    const { rule } = resolvePredictorOptions(config.options, `predictor "${config.name}"`);
    const written = (config.options.rule as { kind?: unknown } | undefined)?.kind;
    const kind =
      written === undefined && config.options.rule !== undefined
        ? `kind omitted: ${rule.kind}`
        : `rule kind '${rule.kind}'`;
    // The resolved rule already holds the configuration's `aim`; the swept δ must not be aimed over again.
    const { aim: _aim, ...options } = config.options;
    return deltas.map((delta) => {
      const swept = aimedRule(rule, { delta });
      if (swept === undefined)
        throw new RangeError(
          `--deltas: predictor "${config.name}" has no top-fraction rule, so no δ to sweep (${kind})`,
        );
      return { name: `${config.name} δ=${delta}`, options: { ...options, rule: swept } };
    });
  });
}

/** Where a δ sweep meets a requested top-10% recall: the δ chosen for one configuration, and its figures. */
export interface DeltaChoice {
  /** The configuration swept (its name without the δ). */
  readonly config: string;
  /** The δ saving the most epochs among those whose mean recall met the request; undefined when none did. */
  readonly delta: number | undefined;
  readonly epochsSaved: number;
  readonly recall: number;
}

/**
 * For each swept configuration, the δ saving the most epochs (mean over the seeds) among those whose mean top-`label`
 * recall is at least `recall`; where none is, the most careful δ and its recall. `summaries` are a sweep's
 * (`sweepDeltas` order: each configuration's δs together).
 */
export function chooseDeltas(
  summaries: readonly SeedSummary[],
  configs: readonly ReplayConfig[],
  deltas: readonly number[],
  recall: number,
  label = 'top-10%',
): DeltaChoice[] {
  return configs.map((config, c) => {
    const points = deltas.map((delta, d) => {
      const summary = summaries[c * deltas.length + d] as SeedSummary;
      const top = summary.topK.find((t) => t.label === label);
      if (top === undefined) throw new RangeError(`replay: no ${label} recall in the report to choose δ by`);
      return { delta, epochsSaved: summary.epochsSaved.mean, recall: top.recall.mean };
    });
    // Of the δs that meet the request, the one saving the most epochs (with noisy figures not always the largest δ).
    const meeting = points.filter((p) => p.recall >= recall - 1e-12);
    const best = meeting.sort((a, b) => b.epochsSaved - a.epochsSaved || b.delta - a.delta)[0];
    if (best !== undefined) return { config: config.name, ...best };
    const careful = [...points].sort((a, b) => a.delta - b.delta)[0] as (typeof points)[number];
    return {
      config: config.name,
      epochsSaved: careful.epochsSaved,
      recall: careful.recall,
      delta: undefined,
    };
  });
}

/** One line per configuration saying which δ meets the request, for the replay's text output. */
export function formatDeltaChoices(
  choices: readonly DeltaChoice[],
  recall: number,
  deltas: readonly number[],
): string {
  const percent = (v: number) => `${(100 * v).toFixed(1)}%`;
  return choices
    .map((c) =>
      c.delta === undefined
        ? `${c.config}: no δ of ${deltas.join(', ')} keeps ${recall} of the top 10% on average; the most careful ` +
          `keeps ${c.recall.toFixed(2)} (${percent(c.epochsSaved)} of epochs saved): try smaller δ`
        : `${c.config}: δ = ${c.delta} saves the most epochs while keeping ${recall} of the top 10% on average ` +
          `(${c.recall.toFixed(2)}, ${percent(c.epochsSaved)} of epochs saved)`,
    )
    .join('\n');
}
