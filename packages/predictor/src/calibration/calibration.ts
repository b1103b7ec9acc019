import { completed } from '../options/complete.js';
import { calibrationWithCurrentNames } from '../rules/deprecated-names.js';
import { kthSmallest } from '../stats/kth-smallest.js';
import { clamp, type EpochFit, epochFit } from './epoch-fit.js';
import { localResidualSd } from './linear-method.js';
import { countTrained, newestOfEachKind, type PackedSample, packed } from './packed-sample.js';
import { predictiveSd, predictLinear, ridgeFit } from './regression.js';
import {
  CALIBRATION_DEFAULTS,
  type CalibratedPrediction,
  type CalibrationOptions,
  type CalibrationSample,
  type CalibrationState,
  type TrainingCheck,
} from './types.js';

/** Points of a trained trial the training metric's check predicts (evenly spread over the trial's points). */
const CHECKED_POINTS = 10;

/** The check before any trial was checked. */
const NOT_CHECKED: TrainingCheck = Object.freeze({ trials: 0, withMetric: 0, withoutMetric: 0 });

/**
 * Learns, from trials already trained to the target in this run, how the partial-curve features at epoch k
 * (smoothed last value, raw extrapolation, optionally a training metric) relate to the final value: a ridge
 * regression per epoch (`epoch-fit.ts`), fitted on demand. A trial never learns from its own future: only finished
 * trials are samples.
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
    const entry = epochFit(this.samples, epoch, withTrain, this);
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
