import type { Direction } from '@penguin-nas/core';

/**
 * The affine map between the data's units and a model's units (see README: scales and losses).
 * `toModel(y) = offset + factor·y`, `fromModel(m) = (m − offset) / factor`.
 */
export interface ScoreTransform {
  readonly offset: number;
  readonly factor: number;
  toModel(y: number): number;
  fromModel(m: number): number;
}

/**
 * The data's scale when not given: 100 (percent) when any |y| exceeds 1.5, else 1 (fractions).
 * Only used for increasing metrics.
 */
export function detectScale(ys: readonly number[]): 1 | 100 {
  for (const y of ys) if (Math.abs(y) > 1.5) return 100;
  return 1;
}

function affine(offset: number, factor: number): ScoreTransform {
  return {
    offset,
    factor,
    toModel: (y) => offset + factor * y,
    fromModel: (m) => (m - offset) / factor,
  };
}

/**
 * Maps data onto an increasing score in the model's units.
 * - maximize: `y · modelScale / dataScale` (dataScale given, or `detectScale`): percent data and a model
 *   written for fractions meet in the model's units; a model written for percent (peng4nn) sees percent.
 * - minimize (losses): with `L` the largest value seen, `modelScale · (1 − y / L)` when every value is
 *   positive — 0 at the worst point, `modelScale` for a loss of 0 — so a decreasing loss becomes an increasing,
 *   saturating score; otherwise (values ≤ 0) simply `−y · modelScale / max|y|`.
 */
export function scoreTransform(
  ys: readonly number[],
  modelScale: number,
  direction: Direction,
  dataScale?: number,
): ScoreTransform {
  if (direction === 'maximize') return affine(0, modelScale / (dataScale ?? detectScale(ys)));
  let largest = Number.NEGATIVE_INFINITY;
  let smallest = Number.POSITIVE_INFINITY;
  let largestAbs = 0;
  for (const y of ys) {
    largest = Math.max(largest, y);
    smallest = Math.min(smallest, y);
    largestAbs = Math.max(largestAbs, Math.abs(y));
  }
  if (smallest > 0) return affine(modelScale, -modelScale / largest);
  return affine(0, -modelScale / (largestAbs > 0 ? largestAbs : 1));
}
