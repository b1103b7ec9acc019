import { createRng } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { kthSmallest } from '../../src/stats/kth-smallest.js';

/** What the calibration used before: a full numeric sort of a typed array. */
function bySort(values: Float64Array, k: number): number {
  return values.slice().sort()[k - 1] as number;
}

describe('kthSmallest', () => {
  it('equals the full sort on random values, ties, signed zeros and NaN, for every k', () => {
    const rng = createRng(7);
    const cases: Float64Array[] = [
      Float64Array.from([3, 1, 2]),
      Float64Array.from([0, -0, 0, -0]),
      Float64Array.from([Number.NaN, 2, Number.NaN, 1]),
      Float64Array.from([5, 5, 5, 1, 1]),
      Float64Array.from({ length: 500 }, () => rng.normal()),
      Float64Array.from({ length: 200 }, () => Math.round(rng.next() * 10)),
    ];
    for (const values of cases) {
      for (let k = 1; k <= values.length; k++)
        expect(Object.is(kthSmallest(values, k), bySort(values, k))).toBe(true);
    }
  });

  it('refuses a k outside 1..n, naming what it expected', () => {
    expect(() => kthSmallest([1, 2], 0)).toThrow('expected an integer k in [1, 2], got 0');
    expect(() => kthSmallest([1, 2], 3)).toThrow('got 3');
    expect(() => kthSmallest([1, 2], 1.5)).toThrow('got 1.5');
  });
});
