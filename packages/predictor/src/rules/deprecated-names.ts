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

/**
 * The rule spec with today's option names, old names accepted once more with a DeprecationWarning: the median
 * rule's `minEpoch` becomes `minEpochs` (the larger wins when both are set), the confident rule's `cMin` becomes
 * `fitFrom` (`fitFrom` wins when both are set). The peng4nn rule keeps the paper's `cMin` and `firstFitPoints`.
 */
export function withCurrentNames(spec: RuleSpec): RuleSpec {
  if (spec.kind === 'any' || spec.kind === 'all') {
    const rules = spec.rules.map(withCurrentNames);
    return rules.every((r, i) => r === spec.rules[i]) ? spec : { ...spec, rules };
  }
  if (spec.kind === 'median' && spec.minEpoch !== undefined) {
    warnDeprecated('predictor.rule.minEpoch (median)', 'minEpochs, which every rule takes');
    const { minEpoch, ...rest } = spec;
    return { ...rest, minEpochs: Math.max(spec.minEpochs ?? 0, minEpoch) };
  }
  if (spec.kind === 'confident' && spec.cMin !== undefined) {
    warnDeprecated('predictor.rule.cMin (confident)', 'fitFrom, the points at the first fit');
    const { cMin, ...rest } = spec;
    return { ...rest, fitFrom: spec.fitFrom ?? cMin };
  }
  return spec;
}
