import { DEFAULT_RULE } from '../../../packages/predictor/src/options/defaults.js';
import type { RuleSpec } from '../../../packages/predictor/src/options/rule-schema.js';
import type { ReplayConfig } from '../../../packages/predictor/src/replay/index.js';

type AnyRule = Extract<RuleSpec, { rules: RuleSpec[] }>;

/** The default rule with some of its constants changed: `median` and `top-fraction` patch those parts. */
export function defaultVariant(patch: {
  readonly median?: Record<string, unknown>;
  readonly topFraction?: Record<string, unknown>;
  readonly any?: Record<string, unknown>;
}): RuleSpec {
  const rule = DEFAULT_RULE as AnyRule;
  return {
    ...rule,
    ...patch.any,
    rules: rule.rules.map((r) => {
      if (r.kind === 'median') return { ...r, ...patch.median } as RuleSpec;
      if (r.kind === 'top-fraction') return { ...r, ...patch.topFraction } as RuleSpec;
      return r;
    }),
  } as RuleSpec;
}

/**
 * Candidate defaults for the leave-one-set-out check, beside the default swept along δ: the default's other
 * constants (the median part's warm-up fraction, the top fraction aimed at), each with a few δ.
 */
export const CANDIDATE_DEFAULTS: readonly ReplayConfig[] = [0.05, 0.1, 0.2].flatMap((delta) => [
  {
    name: `median from 20%, δ=${delta}`,
    options: { rule: defaultVariant({ median: { minFraction: 0.2 }, topFraction: { delta } }) },
  },
  {
    name: `median from 5%, δ=${delta}`,
    options: { rule: defaultVariant({ median: { minFraction: 0.05 }, topFraction: { delta } }) },
  },
  {
    name: `top 20%, δ=${delta}`,
    options: { rule: defaultVariant({ topFraction: { delta, fraction: 0.2 } }) },
  },
]);
