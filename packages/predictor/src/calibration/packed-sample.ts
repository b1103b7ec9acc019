import { lastAtOrBefore } from '../rules/finished-index.js';
import type { CalibrationSample } from './types.js';

export function countTrained(samples: readonly CalibrationSample[]): number {
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
export interface PackedSample {
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

export function packed(sample: CalibrationSample): PackedSample {
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
export function newestOfEachKind(samples: readonly PackedSample[], max: number): PackedSample[] {
  let trained = countTrained(samples.map((p) => p.sample));
  let partial = samples.length - trained;
  if (trained <= max && partial <= max) return [...samples];
  return samples.filter(({ sample }) => (sample.until === undefined ? trained-- <= max : partial-- <= max));
}

/** The sample's index at the last epoch at or before `epoch`, if it is close enough (within 10% of `epoch`). */
export function indexAt(sample: PackedSample, epoch: number): number | undefined {
  const found = lastAtOrBefore(sample.epochs, epoch + 1e-9);
  if (found < 0) return undefined;
  return epoch - (sample.epochs[found] as number) <= 0.1 * Math.abs(epoch) + 1e-9 ? found : undefined;
}
