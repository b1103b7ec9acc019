import { DEFAULT_RULE } from '../../../packages/predictor/src/options/defaults.js';
import type { RuleSpec } from '../../../packages/predictor/src/options/rule-schema.js';
import type { ReplayConfig } from '../../../packages/predictor/src/replay/index.js';

type AnyRule = Extract<RuleSpec, { rules: RuleSpec[] }>;

/**
 * The default rule with some of its constants changed: `median`, `top-fraction` and `percentile` patch those parts
 * wherever they sit in it (the top-fraction rule is nested in an `all` with the percentile rule), `any` the outer rule.
 */
export function defaultVariant(patch: {
  readonly median?: Record<string, unknown>;
  readonly topFraction?: Record<string, unknown>;
  readonly percentile?: Record<string, unknown>;
  readonly any?: Record<string, unknown>;
}): RuleSpec {
  const patched = (r: RuleSpec): RuleSpec => {
    if (r.kind === 'median') return { ...r, ...patch.median } as RuleSpec;
    if (r.kind === 'top-fraction') return { ...r, ...patch.topFraction } as RuleSpec;
    if (r.kind === 'percentile') return { ...r, ...patch.percentile } as RuleSpec;
    if (r.kind === 'any' || r.kind === 'all') return { ...r, rules: r.rules.map(patched) } as RuleSpec;
    return r;
  };
  const rule = DEFAULT_RULE as AnyRule;
  return { ...(patched(rule) as AnyRule), ...patch.any } as RuleSpec;
}

/**
 * The default before the worse-half condition (2026-12-06): the top-fraction rule alone beside median stopping, so a
 * prediction could stop a trial doing better than half of its peers. Kept as a candidate, δ swept, to show the lift.
 */
export function withoutPeerCondition(delta: number): RuleSpec {
  const strip = (r: RuleSpec): RuleSpec => {
    if (r.kind === 'all' && r.rules.some((inner) => inner.kind === 'percentile'))
      return { ...(r.rules.find((inner) => inner.kind === 'top-fraction') as RuleSpec), delta } as RuleSpec;
    if (r.kind === 'any' || r.kind === 'all') return { ...r, rules: r.rules.map(strip) } as RuleSpec;
    return r;
  };
  return strip(DEFAULT_RULE);
}

/**
 * Candidate defaults for the leave-one-set-out check, beside the default swept along δ: the default without stopped
 * trials teaching its calibration (as until the morning of 2026-12-07, there without the training metric), without its worse-half condition (until 2026-12-06), with the half of all completed trials instead of the last 10,
 * and with the worse 30% or 70% instead of half, no stop at all
 * before 10% or 20% of the target epochs (slow starters and warm-ups), median stopping from 20% instead of 10%, the
 * top 20%, 5% or 2% aimed at instead of the top 10%, a calibration learning from an unbiased sample, median stopping with a
 * noise margin of 1, 2 or 3 step noises, without the training metric or without its check, and with the former
 * warm-up of 10 trained trials, each with a few δ. Each is the current default with one thing changed.
 */
export const CANDIDATE_DEFAULTS: readonly ReplayConfig[] = [
  // The calibration learning only from trials trained to the target (survivors), as until the morning of 2026-12-07.
  ...[0.02, 0.05, 0.1, 0.2, 0.35].map((delta) => ({
    name: `without stopped trials teaching the calibration, δ=${delta}`,
    options: { rule: defaultVariant({ topFraction: { delta } }), calibration: { fromStopped: false } },
  })),
  ...[0.02, 0.05, 0.1, 0.2, 0.35].map((delta) => ({
    name: `without the worse-half condition, δ=${delta}`,
    options: { rule: withoutPeerCondition(delta) },
  })),
  // The half of every completed trial instead of the last 10 (what an improving search would be judged against).
  ...[0.1, 0.2].map((delta) => ({
    name: `worse half of all completed, δ=${delta}`,
    options: { rule: defaultVariant({ percentile: { recent: undefined }, topFraction: { delta } }) },
  })),
  ...[30, 70].flatMap((percentile) =>
    [0.1, 0.2].map((delta) => ({
      name: `worse ${100 - percentile}% instead of half, δ=${delta}`,
      options: { rule: defaultVariant({ percentile: { percentile }, topFraction: { delta } }) },
    })),
  ),
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
  // Aimed at the best network (`aim`, 2026-12-07): the top 2% or 5% instead of the top 10%, written as a user would.
  ...[0.005, 0.02, 0.05].map((delta) => ({
    name: `top 2%, δ=${delta}`,
    options: { aim: { fraction: 0.02, delta } },
  })),
  ...[0.02, 0.1].map((delta) => ({
    name: `top 5%, δ=${delta}`,
    options: { aim: { fraction: 0.05, delta } },
  })),
  // The training metric beside the validated one (train_acc, train_loss) as a third calibration feature, in the
  // default since 2026-12-07 once it has predicted 3 trained trials better than the fits without it: without it
  // (the default before) and without its check ("without stopped trials teaching" above keeps it). QuickTune logs
  // none, so there each is the default.
  ...[0.02, 0.05, 0.1, 0.2, 0.35].map((delta) => ({
    name: `without the training metric, δ=${delta}`,
    options: { rule: defaultVariant({ topFraction: { delta } }), calibration: { trainingMetric: false } },
  })),
  ...[0.02, 0.05, 0.1, 0.2, 0.35].map((delta) => ({
    name: `training metric without its check, δ=${delta}`,
    options: {
      rule: defaultVariant({ topFraction: { delta } }),
      calibration: { trainingMetric: 'auto', trainingMetricCheck: false },
    },
  })),
  // The calibration's warm-up of 10 trained trials (and the top-fraction rule judging from 10 finished trials), the
  // default until the evening of 2026-12-07, when both became 5 and δ 0.02.
  ...[0.01, 0.02, 0.05, 0.1, 0.2].map((delta) => ({
    name: `warm-up of 10 trained trials, δ=${delta}`,
    options: {
      rule: defaultVariant({ topFraction: { delta, minTrials: 10 } }),
      calibration: { minSamples: 10 },
    },
  })),
];
