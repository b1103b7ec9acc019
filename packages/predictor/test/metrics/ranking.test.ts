import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kendallTauB, rankScores, spearman, topKMembership } from '../../src/metrics/index.js';

describe('rankScores', () => {
  it('keeps accuracies, negates losses and ranks non-finite values worst', () => {
    expect(rankScores([1, null, Number.NaN, 3], 'maximize')).toEqual([1, -Infinity, -Infinity, 3]);
    expect(rankScores([0.5, Number.POSITIVE_INFINITY, 0.2], 'minimize')).toEqual([-0.5, -Infinity, -0.2]);
  });
});

describe('topKMembership', () => {
  it('shares the free places among items tied at the boundary', () => {
    const p = topKMembership([2, 3, 2, 1, 2], 2);
    expect(p[0]).toBeCloseTo(1 / 3, 12);
    expect(p[1]).toBe(1);
    expect(p[2]).toBeCloseTo(1 / 3, 12);
    expect(p[3]).toBe(0);
    expect(p[4]).toBeCloseTo(1 / 3, 12);
  });

  it('always sums to k and never depends on the input order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (xs, r) => {
          const k = 1 + (r % xs.length);
          const p = topKMembership(xs, k);
          expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(k, 9);
          const reversed = topKMembership([...xs].reverse(), k).reverse();
          for (const [i, v] of reversed.entries()) expect(v).toBeCloseTo(p[i] as number, 12);
        },
      ),
    );
  });

  it('rejects a k outside [1, n]', () => {
    expect(() => topKMembership([1, 2], 3)).toThrow('topKMembership: expected an integer k in [1, 2], got 3');
  });
});

describe('rank correlations', () => {
  it('handle ties like scipy (tau-b, mid-rank Spearman)', () => {
    // scipy.stats.kendalltau([1,2,2,3],[1,2,3,4]) = 5 / sqrt(30); spearmanr = 4.5 / sqrt(22.5)
    expect(kendallTauB([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(5 / Math.sqrt(30), 12);
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });

  it('are 1 for the same order, -1 for the reverse, NaN for a constant side', () => {
    expect(kendallTauB([1, 5, 9], [2, 3, 4])).toBe(1);
    expect(spearman([1, 5, 9], [4, 3, 2])).toBeCloseTo(-1, 12);
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(spearman([1, 2, 3], [7, 7, 7])).toBeNaN();
  });

  it('rank -Infinity below every finite value', () => {
    expect(kendallTauB([-Infinity, 1, 2], [0, 1, 2])).toBe(1);
    expect(spearman([-Infinity, -Infinity, 2], [0, 0, 2])).toBeCloseTo(1, 12);
  });

  it('reject lists of different lengths', () => {
    expect(() => kendallTauB([1], [1, 2])).toThrow('kendallTauB: expected equal lengths, got 1 and 2');
    expect(() => spearman([1], [1, 2])).toThrow('spearman: expected equal lengths, got 1 and 2');
  });
});
