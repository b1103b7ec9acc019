/** What the calibration learns from, its options and their defaults, what it predicts, and its state. */

/** What a finished, fully trained trial teaches: its features at each validation point and its true final score. */
export interface CalibrationSample {
  readonly id: string;
  /** The measured final score (at the target epoch). */
  readonly final: number;
  readonly epochs: readonly number[];
  /** Smoothed last score at each epoch (mean of the last few points). */
  readonly last: readonly number[];
  /** The raw curve-fit extrapolation at each epoch, null where there was none. */
  readonly raw: readonly (number | null)[];
  /**
   * The smoothed training metric at each epoch (see `PredictorOptions.calibration.trainingMetric`), null where it
   * was not logged; absent when none is configured.
   */
  readonly train?: readonly (number | null)[] | undefined;
  /**
   * A stopped trial's partial curve: its `final` is an estimate and it teaches only epochs before this one (absent:
   * a trial trained to the target, which teaches every epoch it has).
   */
  readonly until?: number;
}

export interface CalibrationOptions {
  /** Fully trained trials needed before the calibration is used (default 5). */
  readonly minSamples?: number | undefined;
  /** Ridge penalty on standardised features, in the local fits and the linear regression alike (default 0.01). */
  readonly ridge?: number | undefined;
  /**
   * Samples kept of each kind, the most recent trained trials and apart the most recent stopped ones, bounding
   * memory, state size and time (default 500).
   */
  readonly maxSamples?: number | undefined;
  /**
   * `local` (default): a kernel-weighted linear fit around the trial's features, so curves that behave
   * differently (stuck at chance, late risers) each get their own relation and uncertainty; `linear`: one
   * regression per epoch for all trials, with a locally weighted residual scale.
   */
  readonly method?: 'local' | 'linear' | undefined;
  /** Neighbours the local kernel reaches at least (default 10). */
  readonly neighbours?: number | undefined;
  /** Points averaged for the "last value" feature (default 3). */
  readonly smoothing?: number | undefined;
  /**
   * The per-epoch fits are rebuilt at every learned trial while this fraction of the samples is at most 1 (default
   * 0.02: below 100 samples); beyond, once the trained trials learned since the last rebuild reach this fraction
   * of the trained samples (every 10th at 500). Until then the new trials wait, unused: stopped trials (partial
   * samples, most of a long run) wait for trained ones (or until `maxSamples` of them wait). 0 rebuilds at every
   * learned trial. Each rebuild refits every epoch, so with
   * hundreds of samples this is what keeps a long replay near linear time.
   */
  readonly refresh?: number | undefined;
  /**
   * Where samples carry a training metric (`PredictorOptions.calibration.trainingMetric`): the fits use it only once
   * it has predicted better than the fits without it, on at least this many trials trained to the end (default 3).
   * Each such trial, before it is learned, is predicted at up to 10 of its points both ways; the summed absolute
   * errors per trial decide. `false` uses it whenever samples have it.
   */
  readonly trainingMetricCheck?: number | false | undefined;
}

/** The calibration's settings when its options leave them out: the one place they are written. */
export const CALIBRATION_DEFAULTS = {
  minSamples: 5,
  ridge: 0.01,
  maxSamples: 500,
  method: 'local',
  neighbours: 10,
  smoothing: 3,
  refresh: 0.02,
  trainingMetricCheck: 3,
} as const satisfies Required<{ [K in keyof CalibrationOptions]: NonNullable<CalibrationOptions[K]> }>;

/** A calibrated prediction for one trial at one epoch. */
export interface CalibratedPrediction {
  readonly value: number;
  /** Predictive standard deviation from the regression residuals. */
  readonly spread: number;
  /** Trials it was learned from. */
  readonly n: number;
  /** Whether the training metric was one of its features. */
  readonly withTrainingMetric: boolean;
}

export interface CalibrationState {
  /** The samples the fits use. */
  readonly samples: readonly CalibrationSample[];
  /** Trials learned since the last rebuild, oldest first, not yet used (absent: none). */
  readonly pending?: readonly CalibrationSample[];
  /** The training metric's check so far (absent: no trial checked yet). */
  readonly trainingCheck?: TrainingCheck;
}

/**
 * The training metric's check: trials trained to the end that were predicted with and without it before they were
 * learned, and the sums of their mean absolute errors each way.
 */
export interface TrainingCheck {
  readonly trials: number;
  readonly withMetric: number;
  readonly withoutMetric: number;
}
