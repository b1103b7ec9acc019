import type { CurvePoint } from '../curve/points.js';

/**
 * When a trial's curve is fitted, and on how many points, so a trial costs a few dozen fits whatever its
 * length instead of one fit per point (#12: 15,625 curves must replay in about two minutes; #13.11: a curve of
 * 1,000 points took 42 s when fitted at every point).
 *
 * The first `DENSE_POINTS` points are fitted at every point: an early decision rests on the newest point.
 * After that a curve is fitted anew once it has grown by the fraction `growth` (the option `fit.refitGrowth`,
 * default 0.1) of the length its last fit saw; in between, the last fit's extrapolation stands (the calibration
 * and the rules still read the latest point). So a curve of n points costs about
 * DENSE_POINTS + ln(n / DENSE_POINTS) / ln(1 + growth) fits: 41 for 200 points, 73 for 4,000 at the default.
 * `growth` 0 fits at every point. A fit sees at most `FIT_POINTS` points, spread evenly over a longer curve.
 */
export const DENSE_POINTS = 10;
export const FIT_POINTS = 256;

/**
 * Whether a curve of `points` points is fitted anew, the last fit having seen `lastFitted` points (if any).
 * A curve shorter than its last fit (a retrained trial) is always fitted anew.
 */
export function fitsAnew(points: number, lastFitted: number | undefined, growth: number): boolean {
  if (points <= DENSE_POINTS || lastFitted === undefined || points < lastFitted) return true;
  return points >= lastFitted * (1 + growth) - 1e-9; // 170 x 1.1 is 187.00000000000003 in doubles
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
