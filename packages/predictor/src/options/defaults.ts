import type { RuleSpec } from './rule-schema.js';
import type { ModelSpec, PredictorOptions } from './schema.js';

/**
 * What empty options mean: the configuration this package recommends (and `penguin replay` runs by default),
 * chosen on the development curves (see the README for the measurements and their limits).
 *
 * - the peng4nn family, refitted with warm starts, gives each trial a raw extrapolation;
 * - a local calibration learns from the trials trained to the end in this run how (smoothed last value, raw
 *   extrapolation) at each epoch relate to the final value, with an uncertainty that depends on the trial;
 * - the rule stops a trial once it is unlikely (P < 0.1) to reach the top 10% of finished trials, never before
 *   3% of the target epochs, and only after 10 finished trials; the first 10 trials train fully to teach the
 *   calibration.
 */
export const DEFAULT_MODEL: ModelSpec = 'peng4nn';
export const DEFAULT_RULE: RuleSpec = {
  kind: 'top-fraction',
  fraction: 0.1,
  delta: 0.1,
  minTrials: 10,
  minFraction: 0.03,
};

type Calibration = NonNullable<PredictorOptions['calibration']>;
type FullTraining = NonNullable<PredictorOptions['fullTraining']>;

/** Whether a rule (or any rule it combines) judges with an uncertainty, which the calibration supplies. */
export function usesUncertainty(rule: RuleSpec): boolean {
  if (rule.kind === 'any' || rule.kind === 'all') return rule.rules.some(usesUncertainty);
  return rule.kind === 'top-fraction' || rule.kind === 'confident';
}

/**
 * The calibration when the options leave it out: on (warm-up 10) for rules that judge with an uncertainty,
 * off for the others, so the paper's rule and the baselines behave as published unless asked otherwise.
 */
export function defaultCalibration(rule: RuleSpec): Calibration {
  return usesUncertainty(rule) ? { warmup: 10 } : false;
}

/** Trials trained fully by default: the calibration's warm-up, so it has trials to learn from; none without it. */
export function defaultFullTraining(calibration: Calibration): FullTraining {
  return calibration === false ? { first: 0 } : { first: calibration.warmup ?? 10 };
}
