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
 * Candidate defaults for the leave-one-set-out check, beside the default swept along δ: no stop at all before 10%
 * or 20% of the target epochs (slow starters and warm-ups), median stopping from 20% instead of 10%, the top 20%
 * aimed at instead of the top 10%, a calibration learning from an unbiased sample, median stopping with a noise
 * margin of 1, 2 or 3 step noises, each with a few δ.
 */
export const CANDIDATE_DEFAULTS: readonly ReplayConfig[] = [
  ...[0.05, 0.1, 0.2, 0.35].map((delta) => ({
    name: `median margin 2, δ=${delta}`,
    options: { rule: defaultVariant({ median: { margin: 2 }, topFraction: { delta } }) },
  })),
  ...[1, 3].flatMap((margin) =>
    [0.1, 0.2].map((delta) => ({
      name: `median margin ${margin}, δ=${delta}`,
      options: { rule: defaultVariant({ median: { margin }, topFraction: { delta } }) },
    })),
  ),
  ...[0.1, 0.2].flatMap((minFraction) =>
    [0.1, 0.2, 0.35].map((delta) => ({
      name: `no stop before ${minFraction * 100}%, δ=${delta}`,
      options: { rule: defaultVariant({ any: { minFraction }, topFraction: { delta } }) },
    })),
  ),
  ...[0.05, 0.1, 0.2].map((delta) => ({
    name: `median from 20%, δ=${delta}`,
    options: { rule: defaultVariant({ median: { minFraction: 0.2 }, topFraction: { delta } }) },
  })),
  // The calibration learns only from every 10th trial, trained fully whatever the rules say: an unbiased sample
  // (the trials the rules spare are the good ones, which biases it upwards for the stopped ones).
  ...[0.1, 0.2].map((delta) => ({
    name: `unbiased calibration, δ=${delta}`,
    options: {
      rule: defaultVariant({ topFraction: { delta } }),
      calibration: { minSamples: 5, learnFrom: 'protected' },
      fullTraining: { every: 10 },
    },
  })),
  ...[0.1, 0.2].map((delta) => ({
    name: `top 20%, δ=${delta}`,
    options: { rule: defaultVariant({ topFraction: { delta, fraction: 0.2 } }) },
  })),
];
