import type { CurvePoint } from '../curve/points.js';
import { robustScale } from '../stats/robust-scale.js';

/** Steps (differences between successive points) a noise estimate looks at: the most recent ones. */
export const NOISE_WINDOW_STEPS = 10;

/**
 * A robust estimate of a curve's point-to-point noise from its last `NOISE_WINDOW_STEPS` steps:
 * 1.4826 × median |step| / √2 (the upper median of an even count; a step of white noise is the difference of two
 * draws, so its spread is √2 × the noise).
 * On a stretch that still climbs the steps also carry the climb, so the figure reads as "a typical recent step".
 * Undefined with fewer than 2 steps.
 */
export function stepNoise(points: readonly CurvePoint[]): number | undefined {
  const from = Math.max(1, points.length - NOISE_WINDOW_STEPS);
  const steps: number[] = [];
  for (let i = from; i < points.length; i++) {
    steps.push(Math.abs((points[i] as CurvePoint).value - (points[i - 1] as CurvePoint).value));
  }
  if (steps.length < 2) return undefined;
  // The upper median of an even count (robustScale's): the estimate measured in BENCHMARKS.md.
  return robustScale(steps) / Math.SQRT2;
}
