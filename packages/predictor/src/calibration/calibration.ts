import { completed } from '../options/complete.js';
import { calibrationWithCurrentNames } from '../rules/deprecated-names.js';
import { lastAtOrBefore } from '../rules/finished-index.js';
import { kthSmallest } from '../stats/kth-smallest.js';
import { robustScale, upperMedian } from '../stats/robust-scale.js';
import { type LinearFit, predictiveSd, predictLinear, ridgeFit } from './regression.js';

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

/** Points of a trained trial the training metric's check predicts (evenly spread over the trial's points). */
const CHECKED_POINTS = 10;

/** The check before any trial was checked. */
const NOT_CHECKED: TrainingCheck = Object.freeze({ trials: 0, withMetric: 0, withoutMetric: 0 });

interface EpochFit {
  readonly clip: [number, number];
  /**
   * The features the fits use, as columns: the smoothed last value, the clipped raw extrapolation and, where the
   * samples have one, the training metric.
   */
  readonly columns: readonly Float64Array[];
  /**
   * Where the training metric is used at this epoch: the value a trial without one is given (the samples' median),
   * and the span a trial's own value is clipped into (the samples' values, widened by their range on each side: a
   * diverging training loss must not extrapolate the fit, and a quarter of the range instead lost NB201's bad trials'
   * ranking, Spearman 0.83 → 0.73 without stopped trials teaching).
   */
  readonly train: { readonly fallback: number; readonly clip: [number, number] } | undefined;
  /** The measured final score of each sample, in the columns' order. */
  readonly finals: Float64Array;
  /** Robust standard deviation of each feature (distances for the local fit). */
  readonly scale: readonly number[];
  /** The feature columns divided by their scale, for the local kernel's distances. */
  readonly standardised: readonly Float64Array[];
  /** The one regression of the `linear` method, computed on its first use (the `local` method never needs it). */
  linear(): GlobalFit;
}

/** The `linear` method's regression for one epoch and what its residual scale needs. */
interface GlobalFit {
  readonly fit: LinearFit;
  /** Fitted values and residuals of every sample (outliers included). */
  readonly fitted: readonly number[];
  readonly residuals: readonly number[];
  readonly bandwidth: number;
  /** 1.4826 × the median absolute residual, or the fit's residual sd when that is 0. */
  readonly global: number;
}

/** 1.4826 × MAD of each feature column, falling back to the plain sd, never 0. */
function robustSd(columns: readonly Float64Array[]): number[] {
  return columns.map((values) => {
    const median = upperMedian(values.slice());
    const mad = robustScale(values.map((v) => Math.abs(v - median)));
    if (mad > 0) return mad;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    return sd > 0 ? sd : 1e-9 + Math.abs(mean) * 1e-6;
  });
}

/** Kernel bandwidth over fitted values: half their robust spread (1.4826 × MAD), never 0. */
function bandwidthOf(fitted: readonly number[]): number {
  const median = upperMedian([...fitted]);
  const mad = robustScale(fitted.map((v) => Math.abs(v - median)));
  return mad > 0 ? 0.5 * mad : 1e-9 + Math.abs(median) * 1e-6;
}

/**
 * Residual scale near a predicted value: a Gaussian-kernel weighted root mean square of the residuals of
 * samples with similar fitted values, shrunk towards the robust global scale with 3 pseudo-samples. Good and
 * bad trials are not equally predictable (residuals are heteroscedastic), so one global scale is too wide for
 * the ones that matter and too narrow for the rest.
 */
function localResidualSd(entry: GlobalFit, value: number): number {
  let weighted = 0;
  let weights = 0;
  for (let i = 0; i < entry.fitted.length; i++) {
    const w = Math.exp(-0.5 * (((entry.fitted[i] as number) - value) / entry.bandwidth) ** 2);
    weighted += w * (entry.residuals[i] as number) ** 2;
    weights += w;
  }
  const prior = 3;
  return Math.sqrt((weighted + prior * entry.global ** 2) / (weights + prior));
}

/** The `linear` method's regression: a trimmed ridge fit (starting from `first`) and its residuals. */
function globalFit(
  first: LinearFit,
  columns: readonly Float64Array[],
  finals: Float64Array,
  ridge: number,
  minimum: number,
): GlobalFit {
  const fit = trimmedFit(first, columns, finals, ridge, minimum);
  const fitted = Array.from(finals, (_, i) => predictLinear(fit, rowOf(columns, i)));
  const residuals = Array.from(finals, (y, i) => y - (fitted[i] as number));
  const robustGlobal = robustScale(residuals.map(Math.abs));
  return {
    fit,
    fitted,
    residuals,
    bandwidth: bandwidthOf(fitted),
    global: robustGlobal > 0 ? robustGlobal : fit.residualSd,
  };
}

/**
 * Ridge fit, then a refit without the samples whose residual exceeds 3 robust standard deviations
 * (1.4826 × median absolute residual): diverged or dead trials must not set the uncertainty of all others.
 */
function trimmedFit(
  first: LinearFit,
  columns: readonly Float64Array[],
  ys: Float64Array,
  ridge: number,
  minimum: number,
): LinearFit {
  const residuals = Array.from(ys, (y, i) => y - predictLinear(first, rowOf(columns, i)));
  const scale = robustScale(residuals.map(Math.abs));
  if (!(scale > 0)) return first;
  const keep = residuals.map((r) => Math.abs(r) <= 3 * scale);
  const kept = keep.filter(Boolean).length;
  if (kept === ys.length || kept < minimum) return first;
  const keptOf = (column: Float64Array) => column.filter((_, i) => keep[i]);
  return ridgeFit(columns.map(keptOf), keptOf(ys), ridge) ?? first;
}

/** The features of sample `i`, as a row. */
function rowOf(columns: readonly Float64Array[], i: number): number[] {
  return columns.map((column) => column[i] as number);
}

function clamp(v: number, [lo, hi]: readonly [number, number]): number {
  return Math.min(hi, Math.max(lo, v));
}

function countTrained(samples: readonly CalibrationSample[]): number {
  let n = 0;
  for (const sample of samples) if (sample.until === undefined) n++;
  return n;
}

/**
 * A sample as the calibration holds it, packed once when it joins: its points in typed arrays (a missing raw
 * extrapolation or training metric as NaN) and `until` as a number, so `fitAt`'s loop over hundreds of samples, at
 * every rebuild for every epoch, reads one shape of object and contiguous numbers (15,625 curves: the loop was a
 * fifth of a replay's time). `sample` is the sample as learned, for the state and the checks.
 */
interface PackedSample {
  readonly sample: CalibrationSample;
  readonly epochs: Float64Array;
  readonly last: Float64Array;
  readonly raw: Float64Array;
  /** Absent when the sample logged no training metric. */
  readonly train: Float64Array | undefined;
  readonly final: number;
  /** `until`, or +∞ for a trial trained to the target. */
  readonly until: number;
}

function packed(sample: CalibrationSample): PackedSample {
  // One entry per epoch: a feature array shorter than the epochs (a hand-written state) reads as missing there.
  const n = sample.epochs.length;
  const orNaN = (values: readonly (number | null | undefined)[]) =>
    Float64Array.from({ length: n }, (_, i) => values[i] ?? Number.NaN);
  return {
    sample,
    epochs: Float64Array.from(sample.epochs),
    last: orNaN(sample.last),
    raw: orNaN(sample.raw),
    train: sample.train === undefined ? undefined : orNaN(sample.train),
    final: sample.final,
    until: sample.until ?? Number.POSITIVE_INFINITY,
  };
}

/** The newest `max` samples of trained trials and the newest `max` of stopped ones, in their order. */
function newestOfEachKind(samples: readonly PackedSample[], max: number): PackedSample[] {
  let trained = countTrained(samples.map((p) => p.sample));
  let partial = samples.length - trained;
  if (trained <= max && partial <= max) return [...samples];
  return samples.filter(({ sample }) => (sample.until === undefined ? trained-- <= max : partial-- <= max));
}

/** The sample's index at the last epoch at or before `epoch`, if it is close enough (within 10% of `epoch`). */
function indexAt(sample: PackedSample, epoch: number): number | undefined {
  const found = lastAtOrBefore(sample.epochs, epoch + 1e-9);
  if (found < 0) return undefined;
  return epoch - (sample.epochs[found] as number) <= 0.1 * Math.abs(epoch) + 1e-9 ? found : undefined;
}

/**
 * Learns, from trials already trained to the target in this run, how the partial-curve features at epoch k
 * (smoothed last value, raw extrapolation, optionally a training metric) relate to the final value: a ridge
 * regression per epoch, fitted
 * on demand. A trial never learns from its own future: only finished trials are samples.
 */
export class ExtrapolationCalibration {
  readonly minSamples: number;
  readonly ridge: number;
  readonly maxSamples: number;
  readonly method: 'local' | 'linear';
  readonly neighbours: number;
  readonly smoothing: number;
  readonly refresh: number;
  readonly trainingMetricCheck: number | false;
  /** The samples the fits use, oldest first, packed (see `PackedSample`). */
  private samples: PackedSample[] = [];
  /** Trials learned since the last rebuild, waiting until there are enough of them (see `refresh`). */
  private pending: CalibrationSample[] = [];
  /** Samples of trials trained to the target (without `until`). */
  private trained = 0;
  /** Two work buffers of the local fit (squared distances, kernel weights), grown as the samples grow. */
  private buffers: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];
  /** Fits per epoch, valid until the samples change. */
  private cache = new Map<number, EpochFit | undefined>();
  /** The same fits without the training metric (while its check has not passed, and for the check). */
  private cacheWithout = new Map<number, EpochFit | undefined>();
  private check: TrainingCheck = NOT_CHECKED;

  /** Options as `CalibrationOptions`; the old name `warmup` of `minSamples` is accepted once more (deprecated). */
  constructor(options: CalibrationOptions & { readonly warmup?: number | undefined } = {}) {
    const settings = completed<CalibrationOptions>(
      CALIBRATION_DEFAULTS,
      calibrationWithCurrentNames(options),
    );
    this.minSamples = settings.minSamples;
    this.ridge = settings.ridge;
    this.maxSamples = settings.maxSamples;
    this.method = settings.method;
    this.neighbours = settings.neighbours;
    this.smoothing = settings.smoothing;
    this.refresh = settings.refresh;
    this.trainingMetricCheck = settings.trainingMetricCheck;
    if (!Number.isInteger(this.minSamples) || this.minSamples < 2) {
      // Named as the caller wrote it.
      const name = options.minSamples === undefined && options.warmup !== undefined ? 'warmup' : 'minSamples';
      throw new RangeError(`calibration.${name}: expected an integer >= 2, got ${this.minSamples}`);
    }
    if (!(this.ridge >= 0))
      throw new RangeError(`calibration.ridge: expected a number >= 0, got ${this.ridge}`);
    if (!(this.refresh >= 0 && this.refresh < 1))
      throw new RangeError(`calibration.refresh: expected a number in [0, 1), got ${this.refresh}`);
    const check = this.trainingMetricCheck;
    if (check !== false && !(Number.isInteger(check) && check >= 1))
      throw new RangeError(
        `calibration.trainingMetricCheck: expected an integer >= 1 or false, got ${String(check)}`,
      );
  }

  /**
   * Whether the fits use the samples' training metric: always without a check; with one, once it has predicted the
   * checked trials' finals better than the fits without it, on at least `trainingMetricCheck` of them.
   */
  get usesTrainingMetric(): boolean {
    const check = this.trainingMetricCheck;
    if (check === false) return true;
    const { trials, withMetric, withoutMetric } = this.check;
    return trials >= check && withMetric < withoutMetric;
  }

  /** The training metric's check so far. */
  get trainingCheck(): TrainingCheck {
    return this.check;
  }

  /**
   * Predicts a trained trial, before it is learned, with and without the training metric (see
   * `trainingMetricCheck`), at up to 10 of its points where it logged the metric (its last point is the final itself).
   * A trial already learned (a namesake retrained) is not checked again: the fits know it.
   */
  private checkTrainingMetric(sample: CalibrationSample): void {
    const train = sample.train;
    if (this.trainingMetricCheck === false || train === undefined || sample.until !== undefined) return;
    const known = (s: CalibrationSample) => s.id === sample.id && s.until === undefined;
    if (this.samples.some((p) => known(p.sample)) || this.pending.some(known)) return;
    const logged: number[] = [];
    for (let i = 0; i < sample.epochs.length - 1; i++) if (train[i] != null) logged.push(i);
    const n = logged.length;
    const picks = Math.min(n, CHECKED_POINTS);
    let checked = 0;
    let withMetric = 0;
    let withoutMetric = 0;
    for (let j = 0; j < picks; j++) {
      const i = logged[Math.floor(((j + 0.5) * n) / picks)] as number;
      const features = [sample.epochs[i] as number, sample.last[i] as number, sample.raw[i] ?? null] as const;
      const a = this.predict(...features, train[i] ?? null, true);
      const b = this.predict(...features, train[i] ?? null, false);
      // Where the fits left the metric out (fewer than half the samples logged it) both ways are the same fit.
      if (a === undefined || b === undefined || !a.withTrainingMetric) continue;
      withMetric += Math.abs(a.value - sample.final);
      withoutMetric += Math.abs(b.value - sample.final);
      checked++;
    }
    if (checked === 0) return;
    this.check = {
      trials: this.check.trials + 1,
      withMetric: this.check.withMetric + withMetric / checked,
      withoutMetric: this.check.withoutMetric + withoutMetric / checked,
    };
  }

  /** Trials trained to the target among the samples (a stopped trial's partial curve does not count). */
  get size(): number {
    return this.trained;
  }

  /** Trials learned but not used yet: they join the samples at the next rebuild (see `refresh`). */
  get waiting(): number {
    return this.pending.length;
  }

  /**
   * Learns a fully trained trial, or a stopped trial's partial curve (`until`); ignored when its final value is not
   * finite. It joins the samples, with the trials waiting before it, once enough have arrived since the last rebuild
   * (see `refresh`).
   */
  learn(sample: CalibrationSample): void {
    const finite = (v: number | null) => v === null || Number.isFinite(v);
    if (!Number.isFinite(sample.final) || sample.epochs.length === 0) return;
    if (![...sample.epochs, ...sample.last, ...sample.raw, ...(sample.train ?? [])].every(finite)) return;
    this.checkTrainingMetric(sample);
    this.pending.push(sample);
    // Beyond the eager start, stopped trials (most of a long run) wait for the trained ones: rebuilding for each
    // would refit every epoch several times as often, for estimates (15,625 curves: 189 s instead of 88 s).
    const eager = Math.floor(this.samples.length * this.refresh) <= 1;
    const due = Math.max(1, Math.floor(this.trained * this.refresh));
    if (eager || countTrained(this.pending) >= due || this.pending.length >= this.maxSamples) this.rebuild();
  }

  /** The waiting trials join the samples in the order they were learned (a namesake replaced, the oldest dropped). */
  private rebuild(): void {
    for (const sample of this.pending) {
      this.samples = this.samples.filter((p) => p.sample.id !== sample.id);
      this.samples.push(packed(sample));
    }
    this.samples = newestOfEachKind(this.samples, this.maxSamples);
    this.pending = [];
    this.trained = countTrained(this.samples.map((p) => p.sample));
    this.cache.clear();
    this.cacheWithout.clear();
  }

  /** The regression for one epoch (cached until the next sample), or undefined with too few samples near it. */
  private fitAt(epoch: number, withTrain = true): EpochFit | undefined {
    const cache = withTrain ? this.cache : this.cacheWithout;
    if (cache.has(epoch)) return cache.get(epoch);
    const capacity = this.samples.length;
    const lastValues = new Float64Array(capacity);
    const rawValues = new Float64Array(capacity);
    const finalValues = new Float64Array(capacity);
    // Allocated at the first sample with a training metric (none without `trainingMetric`).
    let trainValues: Float64Array | undefined;
    let trained = 0;
    let n = 0;
    for (const sample of this.samples) {
      if (epoch >= sample.until - 1e-9) continue;
      const i = indexAt(sample, epoch);
      if (i === undefined) continue;
      const sampleLast = sample.last[i] as number;
      lastValues[n] = sampleLast;
      const raw = sample.raw[i] as number;
      rawValues[n] = Number.isNaN(raw) ? sampleLast : raw;
      finalValues[n] = sample.final;
      const train = withTrain && sample.train !== undefined ? (sample.train[i] as number) : Number.NaN;
      if (!Number.isNaN(train)) {
        trainValues ??= new Float64Array(capacity).fill(Number.NaN);
        trainValues[n] = train;
        trained++;
      }
      n++;
    }
    let entry: EpochFit | undefined;
    if (n >= this.minSamples) {
      const last = lastValues.subarray(0, n);
      const finals = finalValues.subarray(0, n);
      // Raw extrapolations can be wild; clip them into the span the finals and last values cover.
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) {
        lo = Math.min(lo, finals[k] as number, last[k] as number);
        hi = Math.max(hi, finals[k] as number, last[k] as number);
      }
      const margin = 0.25 * (hi - lo) + 1e-9;
      const clip: [number, number] = [lo - margin, hi + margin];
      const raw = rawValues.subarray(0, n);
      for (let k = 0; k < n; k++) raw[k] = clamp(raw[k] as number, clip);
      const columns: Float64Array[] = [last, raw];
      // The training metric joins when at least half the samples logged it here; the others get the median. Its
      // scale (for the kernel's distances) is taken over the logged values only: the imputed ones would shrink it.
      let train: EpochFit['train'];
      let trainScale: number | undefined;
      if (trainValues !== undefined && 2 * trained >= n && trained >= 2) {
        const column = trainValues.subarray(0, n);
        const logged = column.filter((v) => !Number.isNaN(v));
        const fallback = upperMedian(Array.from(logged));
        let lowest = Number.POSITIVE_INFINITY;
        let highest = Number.NEGATIVE_INFINITY;
        for (const v of logged) {
          lowest = Math.min(lowest, v);
          highest = Math.max(highest, v);
        }
        const widen = highest - lowest + 1e-9;
        train = { fallback, clip: [lowest - widen, highest + widen] };
        trainScale = robustSd([logged])[0];
        for (let k = 0; k < n; k++) if (Number.isNaN(column[k])) column[k] = fallback;
        columns.push(column);
      }
      // The first ridge fit decides whether the epoch has a calibration at all, whichever the method.
      const first = ridgeFit(columns, finals, this.ridge);
      if (first !== undefined) {
        const { ridge, minSamples } = this;
        let linear: GlobalFit | undefined;
        const scale = robustSd(columns.slice(0, 2));
        if (trainScale !== undefined) scale.push(trainScale);
        entry = {
          clip,
          columns,
          train,
          finals,
          scale,
          standardised: columns.map((column, j) => column.map((v) => v / (scale[j] as number))),
          linear: () => {
            linear ??= globalFit(first, columns, finals, ridge, minSamples);
            return linear;
          },
        };
      }
    }
    cache.set(epoch, entry);
    return entry;
  }

  /**
   * The calibrated final score at `epoch` from the trial's features (`train`: its smoothed training metric, used
   * where the samples have one), or undefined before the warm-up is over.
   */
  predict(
    epoch: number,
    last: number,
    raw: number | null,
    train: number | null = null,
    withTrain = this.usesTrainingMetric,
  ): CalibratedPrediction | undefined {
    if (this.trained < this.minSamples || !Number.isFinite(last)) return undefined;
    const entry = this.fitAt(epoch, withTrain);
    if (entry === undefined) return undefined;
    const x = [last, clamp(raw !== null && Number.isFinite(raw) ? raw : last, entry.clip)];
    if (entry.train !== undefined)
      x.push(
        train !== null && Number.isFinite(train) ? clamp(train, entry.train.clip) : entry.train.fallback,
      );
    if (this.method === 'local') return this.predictLocal(entry, x);
    const global = entry.linear();
    const value = predictLinear(global.fit, x);
    if (!Number.isFinite(value)) return undefined;
    const local = localResidualSd(global, value);
    const spread = (predictiveSd(global.fit, x) / Math.max(global.fit.residualSd, 1e-12)) * local;
    return {
      value,
      spread: Number.isFinite(spread) ? spread : predictiveSd(global.fit, x),
      n: global.fit.n,
      withTrainingMetric: entry.train !== undefined,
    };
  }

  /** Work buffer `which` viewed as `n` numbers (reused from call to call: no allocation per prediction). */
  private scratch(n: number, which: 0 | 1): Float64Array {
    if (this.buffers[which].length < n)
      this.buffers[which] = new Float64Array(Math.max(n, 2 * this.buffers[which].length));
    return this.buffers[which].subarray(0, n);
  }

  /** Kernel-weighted linear fit around `x` (distance in standardised features), its prediction and spread. */
  private predictLocal(entry: EpochFit, x: readonly number[]): CalibratedPrediction | undefined {
    const n = entry.finals.length;
    // Squared distances in standardised features (the k-th smallest is the square of the k-th nearest's distance).
    const squared = this.scratch(n, 0);
    squared.fill(0);
    entry.standardised.forEach((z, j) => {
      const xj = (x[j] as number) / (entry.scale[j] as number);
      for (let k = 0; k < n; k++) squared[k] = (squared[k] as number) + ((z[k] as number) - xj) ** 2;
    });
    const reach = Math.sqrt(kthSmallest(squared, Math.min(n, this.neighbours)));
    const bandwidth = Math.max(reach, 0.25);
    const weights = this.scratch(n, 1);
    const scale = -0.5 / bandwidth ** 2;
    for (let k = 0; k < n; k++) weights[k] = Math.exp(scale * (squared[k] as number));
    // Sums about the kernel's centre (the final value near the last one), where the weight lies.
    const centre = { features: x, y: x[0] as number };
    const fit = ridgeFit(entry.columns, entry.finals, this.ridge, weights, centre);
    if (fit === undefined) return undefined;
    const value = predictLinear(fit, x);
    const spread = predictiveSd(fit, x);
    if (!Number.isFinite(value) || !Number.isFinite(spread)) return undefined;
    return { value, spread, n: fit.n, withTrainingMetric: entry.train !== undefined };
  }

  state(): CalibrationState {
    const samples = this.samples.map((p) => ({ ...p.sample }));
    return {
      samples,
      ...(this.pending.length === 0 ? {} : { pending: this.pending.map((s) => ({ ...s })) }),
      ...(this.check.trials === 0 ? {} : { trainingCheck: { ...this.check } }),
    };
  }

  restore(state: CalibrationState): void {
    this.samples = state.samples.map((s) => packed({ ...s }));
    this.pending = (state.pending ?? []).map((s) => ({ ...s }));
    this.check = { ...(state.trainingCheck ?? NOT_CHECKED) };
    this.trained = countTrained(state.samples);
    this.cache.clear();
    this.cacheWithout.clear();
  }
}
