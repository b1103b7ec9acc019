import { CALIBRATION_DEFAULTS } from '../calibration/types.js';
import { DEFAULT_WEIGHTING, FIT_DEFAULTS } from '../fit/index.js';
import { calibrationWithCurrentNames } from '../rules/deprecated-names.js';
import { completed } from './complete.js';
import type { RuleSpec } from './rule-schema.js';
import type { ModelSpec, PredictorOptions } from './schema.js';

/**
 * What empty options mean: the configuration this package recommends (and `penguin replay` runs by default),
 * chosen on the development curves (see the README for the measurements and their limits).
 *
 * - the peng4nn family, refitted with warm starts, gives each trial a raw extrapolation;
 * - a local calibration learns from the trials trained to the end in this run how (smoothed last value, raw
 *   extrapolation) at each epoch relate to the final value, with an uncertainty that depends on the trial; the
 *   stopped trials teach it the epochs before their stop too, with the value they reported (`fromStopped`); where
 *   the trials log a training metric beside the validated one (`train_acc` beside `val_acc`), it becomes a third
 *   feature once it has predicted 3 trained trials' finals better than the fits without it (`trainingMetric: 'auto'`,
 *   `trainingMetricCheck: 3`);
 * - the rule stops a trial once it is unlikely (P < 0.02) to reach the top 10% of finished trials (judged once
 *   5 trials finished and the calibration has 5 fully trained trials) **and** its best value so far is in the
 *   worse half of the values the last 10 trials trained to the target had at the same epoch (the percentile rule at
 *   50 over the recent ones: a prediction alone never stops a trial doing better than half of the current
 *   generation), never before 3% of the target epochs,
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
    {
      kind: 'all',
      rules: [
        { kind: 'top-fraction', fraction: 0.1, delta: 0.02, minTrials: 5 },
        { kind: 'percentile', percentile: 50, recent: 10 },
      ],
    },
  ],
  minFraction: 0.03,
};

type Calibration = NonNullable<PredictorOptions['calibration']>;
type FullTraining = NonNullable<PredictorOptions['fullTraining']>;

/** The calibration's settings, every one present (`false` turns the calibration off). */
export interface ResolvedCalibration {
  /** Fully trained trials needed before the calibration is used. */
  readonly minSamples: number;
  readonly ridge: number;
  /** Points averaged for the "last value" feature. */
  readonly smoothing: number;
  readonly maxSamples: number;
  readonly method: 'local' | 'linear';
  readonly neighbours: number;
  /** How often the per-epoch fits are rebuilt (see `CalibrationOptions.refresh`). */
  readonly refresh: number;
  readonly learnFrom: 'all' | 'protected';
  /** Stopped trials teach the epochs before their stop, with the value they reported as their final. */
  readonly fromStopped: boolean;
  /** A metric logged on the training data whose smoothed value is a third feature, or false. */
  readonly trainingMetric: string | false;
  /** Trained trials the training metric must predict better on before the fits use it (false: no check). */
  readonly trainingMetricCheck: number | false;
}

/** A calibration's settings when it is on: the calibration's own defaults and the predictor's features. */
export const DEFAULT_CALIBRATION: ResolvedCalibration = Object.freeze({
  ...CALIBRATION_DEFAULTS,
  learnFrom: 'all',
  fromStopped: false,
  trainingMetric: 'auto',
});

/**
 * A partial calibration (as a config writes it) with every setting it leaves out filled in; `fromStopped` is on by
 * default for a rule whose calibrated stops need the trial's standing too (see `calibratedStopsNeedStanding`).
 */
export function completeCalibration(
  calibration: Exclude<Calibration, false>,
  rule: RuleSpec,
): ResolvedCalibration {
  return completed<ResolvedCalibration>(
    { ...DEFAULT_CALIBRATION, fromStopped: calibratedStopsNeedStanding(rule) },
    calibrationWithCurrentNames(calibration, 'predictor.calibration'),
  );
}

/** The fit settings, every one present. */
export interface ResolvedFit {
  readonly maxIterations: number;
  /** Start points per fit: a count, or `all` (every fixed start of the family: warm start, initial, starts, guesses). */
  readonly starts: number | 'all';
  readonly seed: number;
  readonly weighting: 'bic' | 'aic' | 'holdout' | 'equal';
  /** A single family is refitted from the trial's previous parameters at most points. */
  readonly warm: boolean;
  /** With warm starts, the full multi-start on every this many fits of a trial. */
  readonly refitEvery: number;
  /** After the first points, a curve is fitted anew once it has grown by this fraction (0: at every point). */
  readonly refitGrowth: number;
  /** Units of the metric: 1 (fractions), 100 (percent) or `auto` (detected from the curve). */
  readonly dataScale: 1 | 100 | 'auto';
}

export const DEFAULT_FIT: ResolvedFit = Object.freeze({
  maxIterations: FIT_DEFAULTS.maxIterations,
  starts: 'all',
  seed: FIT_DEFAULTS.seed,
  weighting: DEFAULT_WEIGHTING,
  warm: true,
  refitEvery: 20,
  refitGrowth: 0.1,
  dataScale: 'auto',
});

/** The divergence check when the options leave it out: stop after 3 points without a finite metric. */
export const DEFAULT_DIVERGENCE = Object.freeze({ points: 3 });

/** Trials trained fully on purpose when `fullTraining` leaves a field out: none. */
export const NO_FULL_TRAINING = Object.freeze({ first: 0, every: 0 });

/** Whether a rule (or any rule it combines) judges with an uncertainty, which the calibration supplies. */
export function usesUncertainty(rule: RuleSpec): boolean {
  if (rule.kind === 'any' || rule.kind === 'all') return rule.rules.some(usesUncertainty);
  return rule.kind === 'top-fraction' || rule.kind === 'confident';
}

/**
 * The calibration when the options leave it out: on (with its defaults) for rules that judge with an
 * uncertainty, off for the others, so the paper's rule and the baselines behave as published unless asked otherwise.
 */
export function defaultCalibration(rule: RuleSpec): ResolvedCalibration | false {
  // A keep rule's stops report the calibration's prediction, learned from its unbiased reference trials.
  if (ruleOfKind(rule, 'keep') !== undefined) return { ...DEFAULT_CALIBRATION, learnFrom: 'protected' };
  if (!usesUncertainty(rule)) return false;
  return completeCalibration({}, rule);
}

/**
 * Whether the rule stops on a calibrated prediction only together with the trial's standing among its peers (an
 * `all` of a rule with an uncertainty and a percentile or median rule), as the default does. There stopped trials
 * teach the calibration by default (`fromStopped`): the less optimistic predictions it learns then fall on trials
 * already in the worse half, and at equal savings it kept more of the top 10% on every development set; for a
 * calibrated rule alone it mostly moved the rule along its own curve (stopping more, keeping less).
 */
export function calibratedStopsNeedStanding(rule: RuleSpec): boolean {
  if (rule.kind === 'any') return rule.rules.some(calibratedStopsNeedStanding);
  if (rule.kind !== 'all') return false;
  const standing = rule.rules.some((r) => r.kind === 'percentile' || r.kind === 'median');
  return (standing && rule.rules.some(usesUncertainty)) || rule.rules.some(calibratedStopsNeedStanding);
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
 * Every how many trials one is trained to the target for a `keep` rule, beside its first `minTrials`: the
 * reference trials its level is set from keep coming as the search moves on (10% of the trials).
 */
export const KEEP_REFERENCE_EVERY = 10;

/** The first rule of this kind in a spec, the spec itself or one nested in `any` / `all` (depth first), if any. */
export function ruleOfKind<K extends RuleSpec['kind']>(
  rule: RuleSpec,
  kind: K,
): Extract<RuleSpec, { kind: K }> | undefined {
  if (rule.kind === kind) return rule as Extract<RuleSpec, { kind: K }>;
  if (rule.kind === 'any' || rule.kind === 'all') {
    for (const inner of rule.rules) {
      const found = ruleOfKind(inner, kind);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Trials trained fully by default: for a `keep` rule its reference trials (the first `minTrials`, then every
 * `KEEP_REFERENCE_EVERY`-th); none without a calibration, or when the rule judges from the curve alone
 * during the warm-up (the trials it spares teach the calibration); otherwise the calibration's warm-up, so that
 * it gets trials to learn from.
 */
export function defaultFullTraining(calibration: Calibration, rule: RuleSpec): FullTraining {
  const keep = ruleOfKind(rule, 'keep');
  if (keep !== undefined) return { first: keep.minTrials ?? 10, every: KEEP_REFERENCE_EVERY };
  if (calibration === false || judgesWithoutCalibration(rule)) return { first: 0 };
  return { first: completeCalibration(calibration, rule).minSamples };
}
