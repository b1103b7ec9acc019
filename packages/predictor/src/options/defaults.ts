import type { RuleSpec } from './rule-schema.js';
import type { ModelSpec, PredictorOptions } from './schema.js';

/**
 * What empty options mean: the configuration this package recommends (and `penguin replay` runs by default),
 * chosen on the development curves (see the README for the measurements and their limits).
 *
 * - the peng4nn family, refitted with warm starts, gives each trial a raw extrapolation;
 * - a local calibration learns from the trials trained to the end in this run how (smoothed last value, raw
 *   extrapolation) at each epoch relate to the final value, with an uncertainty that depends on the trial;
 * - the rule stops a trial once it is unlikely (P < 0.1) to reach the top 10% of finished trials (judged once
 *   10 trials finished and the calibration has 10 fully trained trials), never before 3% of the target epochs,
 *   **or** once its best value is below the median of finished trials' running means at the same epoch (median
 *   stopping, after 3 finished trials, never before 10% of the target epochs);
 * - no trial is trained fully on purpose: median stopping judges while the calibration warms up, and the trials
 *   it spares teach the calibration (training the first 10 trials fully cost a quarter of a 40-trial search);
 * - a trial stopped by median stopping reports the calibrated prediction when there is one and it is higher than
 *   its best value so far.
 */
export const DEFAULT_MODEL: ModelSpec = 'peng4nn';
export const DEFAULT_RULE: RuleSpec = {
  kind: 'any',
  rules: [
    { kind: 'median', minTrials: 3, minFraction: 0.1 },
    { kind: 'top-fraction', fraction: 0.1, delta: 0.1, minTrials: 10 },
  ],
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

/**
 * Whether a rule sorts trials before the calibration is ready: it, or one of the rules `any` combines, is a
 * model-free baseline (median, patience, truncation) that stops the worse trials and spares the better ones,
 * which then teach the calibration. (The peng4nn window stops every trial sooner or later, so it does not count.)
 */
export function judgesWithoutCalibration(rule: RuleSpec): boolean {
  if (rule.kind === 'any') return rule.rules.some(judgesWithoutCalibration);
  if (rule.kind === 'all') return rule.rules.every(judgesWithoutCalibration);
  return rule.kind === 'median' || rule.kind === 'patience' || rule.kind === 'truncation';
}

/**
 * Trials trained fully by default: none without a calibration, or when the rule judges from the curve alone
 * during the warm-up (the trials it spares teach the calibration); otherwise the calibration's warm-up, so that
 * it gets trials to learn from.
 */
export function defaultFullTraining(calibration: Calibration, rule: RuleSpec): FullTraining {
  if (calibration === false || judgesWithoutCalibration(rule)) return { first: 0 };
  return { first: calibration.warmup ?? 10 };
}
