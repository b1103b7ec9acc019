import type { RuleSpec } from '../options/rule-schema.js';

const warned = new Set<string>();

/** Says once per process that an old option name was used, and which name replaces it. */
export function warnDeprecated(old: string, replacement: string): void {
  if (warned.has(old)) return;
  warned.add(old);
  process.emitWarning(`${old} is deprecated and will be removed; use ${replacement}`, {
    type: 'DeprecationWarning',
    code: 'PENGUIN_DEPRECATED_OPTION',
  });
}

/** An old option name, the name that replaces it and what the new name means (for the warning). */
interface Renaming {
  readonly old: string;
  readonly current: string;
  readonly meaning: string;
  /** The value kept when both names are set (default: the current name's). */
  readonly merge?: (current: number | undefined, old: number) => number;
}

const POINTS = 'the points needed before the first fit';

/**
 * The warm-up vocabulary is one `min<Unit>` family: `minEpochs`, `minFraction` (every rule), `minTrials` (finished
 * trials), `minPoints` (points before the first fit) and the calibration's `minSamples`. The peng4nn rule keeps the
 * paper's `cMin`. Earlier names, accepted once more (listed in the order they are read: `fitFrom` wins over `cMin`):
 */
const RULE_RENAMINGS: Partial<Record<RuleSpec['kind'], readonly Renaming[]>> = {
  median: [
    {
      old: 'minEpoch',
      current: 'minEpochs',
      meaning: 'which every rule takes',
      merge: (current, old) => Math.max(current ?? 0, old),
    },
  ],
  peng4nn: [{ old: 'firstFitPoints', current: 'minPoints', meaning: POINTS }],
  confident: [
    { old: 'fitFrom', current: 'minPoints', meaning: POINTS },
    { old: 'cMin', current: 'minPoints', meaning: POINTS },
  ],
  'top-fraction': [{ old: 'fitFrom', current: 'minPoints', meaning: POINTS }],
};

const CALIBRATION_RENAMINGS: readonly Renaming[] = [
  {
    old: 'warmup',
    current: 'minSamples',
    meaning: 'the fully trained trials needed before the calibration is used',
  },
];

/** `fields` with each old name replaced by the current one, warning once per `where` and old name. */
function renamed<T extends object>(
  fields: T,
  renamings: readonly Renaming[],
  where: (old: string) => string,
): T {
  let result = fields as Record<string, unknown>;
  for (const { old, current, meaning, merge } of renamings) {
    const value = result[old];
    if (value === undefined) continue;
    warnDeprecated(where(old), `${current}, ${meaning}`);
    const { [old]: _, ...rest } = result;
    const kept = result[current] as number | undefined;
    result = { ...rest, [current]: merge ? merge(kept, value as number) : (kept ?? value) };
  }
  return result as T;
}

/**
 * The rule spec with today's option names, old names accepted once more with a DeprecationWarning: the median
 * rule's `minEpoch` becomes `minEpochs` (the larger wins when both are set); the peng4nn rule's `firstFitPoints`,
 * the confident rule's `cMin` and `fitFrom`, the top-fraction rule's `fitFrom` become `minPoints` (`minPoints`
 * wins when both are set).
 */
export function withCurrentNames(spec: RuleSpec): RuleSpec {
  if (spec.kind === 'any' || spec.kind === 'all') {
    const rules = spec.rules.map(withCurrentNames);
    return rules.every((r, i) => r === spec.rules[i]) ? spec : { ...spec, rules };
  }
  const renamings = RULE_RENAMINGS[spec.kind];
  return renamings ? renamed(spec, renamings, (old) => `predictor.rule.${old} (${spec.kind})`) : spec;
}

/**
 * Calibration settings with today's names: `warmup` becomes `minSamples` (`minSamples` wins when both are set),
 * with a DeprecationWarning naming `where`.
 */
export function calibrationWithCurrentNames<T extends { readonly minSamples?: number | undefined }>(
  settings: T & { readonly warmup?: number | undefined },
  where = 'calibration',
): T {
  return renamed(settings, CALIBRATION_RENAMINGS, (old) => `${where}.${old}`);
}
