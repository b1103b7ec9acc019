import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crowdingDistance,
  dominates,
  nonDominatedSort,
  rankAndCrowding,
  selectSurvivors,
} from '../src/pareto.js';

describe('dominates', () => {
  it('needs no worse everywhere and better somewhere', () => {
    expect(dominates([1, 2], [2, 2])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([1, 3], [2, 2])).toBe(false);
    expect(dominates([1, 2], [Number.POSITIVE_INFINITY, 2])).toBe(true);
  });
});

describe('nonDominatedSort', () => {
  it('splits a known set into fronts', () => {
    const points = [
      [1, 5],
      [2, 3],
      [4, 1],
      [3, 4],
      [5, 5],
      [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    ];
    expect(nonDominatedSort(points)).toEqual([[0, 1, 2], [3], [4], [5]]);
  });

  it('puts each point after every point that dominates it (property)', () => {
    const point = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 25 }), (points) => {
        const fronts = nonDominatedSort(points);
        const rank = new Map<number, number>();
        fronts.forEach((f, r) => {
          for (const i of f) rank.set(i, r);
        });
        expect(rank.size).toBe(points.length);
        for (let p = 0; p < points.length; p++) {
          for (let q = 0; q < points.length; q++) {
            if (dominates(points[p] as number[], points[q] as number[])) {
              expect(rank.get(p) as number).toBeLessThan(rank.get(q) as number);
            }
          }
          const r = rank.get(p) as number;
          if (r > 0) {
            const prev = fronts[r - 1] as number[];
            expect(prev.some((q) => dominates(points[q] as number[], points[p] as number[]))).toBe(true);
          }
        }
      }),
    );
  });
});

describe('crowdingDistance', () => {
  it('gives boundary points Infinity and interior points the normalised neighbour gap', () => {
    const points = [
      [0, 4],
      [1, 2],
      [2, 1],
      [4, 0],
    ];
    const d = crowdingDistance(points, [0, 1, 2, 3]);
    expect(d[0]).toBe(Number.POSITIVE_INFINITY);
    expect(d[3]).toBe(Number.POSITIVE_INFINITY);
    expect(d[1]).toBeCloseTo(2 / 4 + 3 / 4);
    expect(d[2]).toBeCloseTo(3 / 4 + 2 / 4);
  });

  it('ignores objectives with an infinite range instead of producing NaN', () => {
    const points = [
      [0, Number.POSITIVE_INFINITY],
      [1, 1],
      [2, 0],
    ];
    const d = crowdingDistance(points, [0, 1, 2]);
    expect(d.every((x) => !Number.isNaN(x))).toBe(true);
    expect(d[1]).toBeCloseTo(1);
  });
});

describe('selectSurvivors', () => {
  it('keeps whole fronts, then the most spread-out members of the last front', () => {
    const points = [
      [0, 4],
      [1, 3],
      [1.1, 2.9],
      [4, 0],
      [5, 5],
    ];
    // Point 1 sits right next to point 2 (crowding 0.55 against 1.5): it is the one to go.
    expect(selectSurvivors(points, 3).sort()).toEqual([0, 2, 3]);
    expect(selectSurvivors(points, 4).sort()).toEqual([0, 1, 2, 3]);
    expect(selectSurvivors(points, 5).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('ranks and crowds every point', () => {
    const { rank, crowding } = rankAndCrowding([
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
    expect(rank).toEqual([0, 0, 1]);
    expect(crowding).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
  });
});
