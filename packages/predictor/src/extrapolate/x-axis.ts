import type { CurvePoint } from '../curve/points.js';

/**
 * Curve models take the index of the validation point, `x = epoch / E` (1, 2, 3, … when the first point is
 * at epoch E). Curves that start at epoch 0 (a value before training) are shifted so that their first point is
 * at x = 1, because power laws and logarithms are infinite at 0.
 */
export interface XAxis {
  /** The validation period in epochs. */
  readonly period: number;
  readonly shift: number;
  toX(epoch: number): number;
}

/**
 * The axis for a curve: `period` is the configured E or, for `'auto'`, the gap between the first two points
 * (the first epoch itself when there is one point, 1 when that is not positive).
 */
export function xAxisFor(points: readonly CurvePoint[], period: number | 'auto'): XAxis {
  const first = points[0]?.epoch;
  const second = points[1]?.epoch;
  let e: number;
  if (period !== 'auto') e = period;
  else if (first !== undefined && second !== undefined && second > first) e = second - first;
  else if (first !== undefined && first > 0) e = first;
  else e = 1;
  const shift = first === undefined ? 0 : Math.max(0, 1 - first / e);
  return { period: e, shift, toX: (epoch: number) => epoch / e + shift };
}
