import { writeFile } from 'node:fs/promises';
import { type Direction, readCurveFile } from '@penguin-nas/core';
import type { TopKSpec } from '../metrics/index.js';
import { RECOMMENDED_CONFIG } from './baselines.js';
import { predictorPlugins } from './predictor-plugins.js';
import { replayCurves } from './replay-curves.js';
import { perCurveJsonl, type ReplayConfigReport, type ReplayReport } from './report.js';
import type { ReplayConfig, ReplayPluginFactory } from './run-config.js';

/** A configuration as the CLI passes it: predictor options, or `{ name, options }` to name its column. */
export type ReplayConfigInput = ReplayConfig | Readonly<Record<string, unknown>>;

export interface RunReplayOptions {
  /** A curve file in the shared JSONL format. */
  readonly file: string;
  /** Default `val_acc` when present, else the first metric of the first curve. */
  readonly metric?: string;
  /** Default: `minimize` for names with loss/err…, else `maximize`. */
  readonly direction?: Direction;
  /** Predictor options objects (or `{ name, options }`); default: the recommended configuration. */
  readonly configs?: readonly ReplayConfigInput[];
  /** Seed of the replay order (default 0). */
  readonly seed?: number;
  /** Write one JSON line per curve and configuration to this file. */
  readonly perCurve?: string;
  /** One target epoch for every curve; default each curve's last epoch. */
  readonly target?: number;
  /** Replay only the first `limit` curves of the order (a subset for quick iterations). */
  readonly limit?: number;
  /** Meet the curves in the file's order instead of the seeded shuffle (see `ReplayCurvesOptions.inFileOrder`). */
  readonly inFileOrder?: boolean;
  readonly topK?: readonly TopKSpec[];
  /** Progress: called after each configuration. */
  readonly onConfigDone?: (config: ReplayConfigReport, index: number) => void;
  /** Builds the plugin of each configuration (default: the predictor plugin). */
  readonly createPlugin?: ReplayPluginFactory;
}

function isNamedConfig(input: ReplayConfigInput): input is ReplayConfig {
  const keys = Object.keys(input);
  return (
    keys.length === 2 &&
    typeof input.name === 'string' &&
    typeof input.options === 'object' &&
    input.options !== null &&
    !Array.isArray(input.options)
  );
}

/** A column name for plain options: the preset or rule kind, else `config N`. */
function labelOf(options: Readonly<Record<string, unknown>>, index: number): string {
  if (typeof options.preset === 'string') return options.preset;
  const rule = options.rule as { kind?: unknown } | undefined;
  if (rule && typeof rule === 'object' && typeof rule.kind === 'string') return rule.kind;
  return Object.keys(options).length === 0 ? 'default' : `config ${index + 1}`;
}

/** Names every configuration, making repeated labels unique (`peng4nn`, `peng4nn #2`). */
export function nameConfigs(inputs: readonly ReplayConfigInput[]): ReplayConfig[] {
  const used = new Map<string, number>();
  return inputs.map((input, i) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new TypeError(
        `replay.configs[${i}]: expected a predictor options object, got ${JSON.stringify(input)}`,
      );
    const config = isNamedConfig(input) ? input : { name: labelOf(input, i), options: input };
    const seen = used.get(config.name) ?? 0;
    used.set(config.name, seen + 1);
    return seen === 0 || isNamedConfig(input) ? config : { ...config, name: `${config.name} #${seen + 1}` };
  });
}

/**
 * Replays a curve file in one order: reads it, replays it with each configuration (default: the recommended one)
 * through the core engine and the predictor plugin, optionally writes the per-curve rows (`penguin replay` itself
 * goes through `replaySeeds`, for several orders).
 */
export async function runReplay(options: RunReplayOptions): Promise<ReplayReport> {
  const records = await readCurveFile(options.file);
  const configs = nameConfigs(options.configs ?? [RECOMMENDED_CONFIG]);
  const report = await replayCurves(records, configs, {
    createPlugin: options.createPlugin ?? predictorPlugins(configs),
    file: options.file,
    ...(options.metric === undefined ? {} : { metric: options.metric }),
    ...(options.direction === undefined ? {} : { direction: options.direction }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.inFileOrder === undefined ? {} : { inFileOrder: options.inFileOrder }),
    ...(options.topK === undefined ? {} : { topK: options.topK }),
    ...(options.onConfigDone === undefined ? {} : { onConfigDone: options.onConfigDone }),
  });
  if (options.perCurve !== undefined) await writeFile(options.perCurve, perCurveJsonl(report));
  return report;
}
