import type { CurvePoint } from '../curve/points.js';

/**
 * How often, and on how many points, a long curve is fitted, so a trial of n validation points costs about
 * linear time instead of n fits of up to n points each (#13.11: 1,000 points took 42 s, 4,000 minutes).
 *
 * A curve of up to `FIT_POINTS` points is fitted at every point on all of them: every curve of the development
 * sets (at most 200 points) is predicted exactly as before. A longer curve is fitted on `FIT_POINTS` points
 * spread evenly over it (the first and the latest always among them), and anew only once it has grown by
 * `1 / REFIT_GROWTH` of its length since the last fit; in between, the last fit's extrapolation stands (the
 * calibration still reads the latest point). So a curve of n points takes about
 * FIT_POINTS + REFIT_GROWTH·ln(n / FIT_POINTS) fits of at most FIT_POINTS points each.
 */
export const FIT_POINTS = 256;
export const REFIT_GROWTH = 64;

/** Whether a curve of `points` points is fitted anew, the last fit having seen `lastFitted` points (if any). */
export function fitsAnew(points: number, lastFitted: number | undefined): boolean {
  if (points <= FIT_POINTS || lastFitted === undefined || points < lastFitted) return true;
  return points >= lastFitted * (1 + 1 / REFIT_GROWTH);
}

/** The points a fit sees: all of a short curve; `FIT_POINTS` evenly spread by index over a long one. */
export function fitSample(points: readonly CurvePoint[]): readonly CurvePoint[] {
  const n = points.length;
  if (n <= FIT_POINTS) return points;
  const sample: CurvePoint[] = [];
  for (let j = 0; j < FIT_POINTS; j++)
    sample.push(points[Math.round((j * (n - 1)) / (FIT_POINTS - 1))] as CurvePoint);
  return sample;
}
