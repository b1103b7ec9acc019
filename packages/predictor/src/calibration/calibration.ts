import { predictLinear, ridgeFit } from './regression.js';

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
}

export interface CalibrationOptions {
  /** Fully trained trials needed before the calibration is used (default 10). */
  readonly warmup?: number | undefined;
  /** Ridge penalty on standardised features (default 0.01). */
  readonly ridge?: number | undefined;
}

/** A calibrated prediction for one trial at one epoch. */
export interface CalibratedPrediction {
  readonly value: number;
  /** Predictive standard deviation from the regression residuals. */
  readonly spread: number;
  /** Trials it was learned from. */
  readonly n: number;
}

export interface CalibrationState {
  readonly samples: readonly CalibrationSample[];
}

/** The sample's index at the last epoch at or before `epoch`, if it is close enough (within 10% of `epoch`). */
function indexAt(sample: CalibrationSample, epoch: number): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < sample.epochs.length; i++) {
    if ((sample.epochs[i] as number) > epoch + 1e-9) break;
    found = i;
  }
  if (found === undefined) return undefined;
  return epoch - (sample.epochs[found] as number) <= 0.1 * Math.abs(epoch) + 1e-9 ? found : undefined;
}

/**
 * Learns, from trials already trained to the target in this run, how the partial-curve features at epoch k
 * (smoothed last value, raw extrapolation) relate to the final value: a ridge regression per epoch, fitted
 * on demand. A trial never learns from its own future: only finished trials are samples.
 */
export class ExtrapolationCalibration {
  readonly warmup: number;
  readonly ridge: number;
  private samples: CalibrationSample[] = [];

  constructor(options: CalibrationOptions = {}) {
    this.warmup = options.warmup ?? 10;
    this.ridge = options.ridge ?? 0.01;
    if (!Number.isInteger(this.warmup) || this.warmup < 2) {
      throw new RangeError(`calibration.warmup: expected an integer >= 2, got ${this.warmup}`);
    }
    if (!(this.ridge >= 0))
      throw new RangeError(`calibration.ridge: expected a number >= 0, got ${this.ridge}`);
  }

  get size(): number {
    return this.samples.length;
  }

  /** Adds a fully trained trial (ignored when its final value is not finite). */
  learn(sample: CalibrationSample): void {
    const finite = (v: number | null) => v === null || Number.isFinite(v);
    if (!Number.isFinite(sample.final) || sample.epochs.length === 0) return;
    if (![...sample.epochs, ...sample.last, ...sample.raw].every(finite)) return;
    this.samples = this.samples.filter((s) => s.id !== sample.id);
    this.samples.push(sample);
  }

  /** The calibrated final score at `epoch` from the trial's features, or undefined before the warm-up is over. */
  predict(epoch: number, last: number, raw: number | null): CalibratedPrediction | undefined {
    if (this.samples.length < this.warmup || !Number.isFinite(last)) return undefined;
    const rows: number[][] = [];
    const finals: number[] = [];
    for (const sample of this.samples) {
      const i = indexAt(sample, epoch);
      if (i === undefined) continue;
      const sampleLast = sample.last[i] as number;
      rows.push([sampleLast, sample.raw[i] ?? sampleLast]);
      finals.push(sample.final);
    }
    if (finals.length < this.warmup) return undefined;
    // Raw extrapolations can be wild; clip them into the span the finals and last values cover.
    const all = [...finals, ...rows.map((r) => r[0] as number)];
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const margin = 0.25 * (hi - lo) + 1e-9;
    const clip = (v: number) => Math.min(hi + margin, Math.max(lo - margin, v));
    const xs = rows.map((r) => [r[0] as number, clip(r[1] as number)]);
    const fit = ridgeFit(xs, finals, this.ridge);
    if (fit === undefined) return undefined;
    const x = [last, clip(raw !== null && Number.isFinite(raw) ? raw : last)];
    const value = predictLinear(fit, x);
    if (!Number.isFinite(value)) return undefined;
    return { value, spread: fit.residualSd * Math.sqrt(1 + 1 / fit.n), n: fit.n };
  }

  state(): CalibrationState {
    return { samples: this.samples.map((s) => ({ ...s })) };
  }

  restore(state: CalibrationState): void {
    this.samples = state.samples.map((s) => ({ ...s }));
  }
}
