import { robustScale, upperMedian } from '../stats/robust-scale.js';
import { type GlobalFit, globalFit } from './linear-method.js';
import { indexAt, type PackedSample } from './packed-sample.js';
import { ridgeFit } from './regression.js';

/** One epoch's fits: the samples' features there and what the `local` and `linear` methods need of them. */
export interface EpochFit {
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

export function clamp(v: number, [lo, hi]: readonly [number, number]): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * The fits for one epoch from the samples that reached it (a stopped trial's partial curve only before its stop),
 * or undefined with fewer than `minSamples` of them or no ridge fit.
 */
export function epochFit(
  samples: readonly PackedSample[],
  epoch: number,
  withTrain: boolean,
  settings: { readonly minSamples: number; readonly ridge: number },
): EpochFit | undefined {
  const capacity = samples.length;
  const lastValues = new Float64Array(capacity);
  const rawValues = new Float64Array(capacity);
  const finalValues = new Float64Array(capacity);
  // Allocated at the first sample with a training metric (none without `trainingMetric`).
  let trainValues: Float64Array | undefined;
  let trained = 0;
  let n = 0;
  for (const sample of samples) {
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
  if (n >= settings.minSamples) {
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
    const first = ridgeFit(columns, finals, settings.ridge);
    if (first !== undefined) {
      const { ridge, minSamples } = settings;
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
  return entry;
}
