import { describe, expect, it } from 'vitest';
import { medianStopping } from '../../src/rules/baselines.js';
import {
  insertSorted,
  lastAtOrBefore,
  lastIndexAtOrBefore,
  RunningMedian,
} from '../../src/rules/finished-index.js';
import type { FinishedTrialInfo } from '../../src/rules/types.js';
import { context, curve, finished } from '../helpers/context.js';

describe('running structures over finished trials', () => {
  it('keeps the median of everything added', () => {
    const median = new RunningMedian();
    expect(median.median).toBeNaN();
    const seen: number[] = [];
    for (const v of [5, 1, 4, 4, 9, -2, 7]) {
      median.add(v);
      seen.push(v);
      const sorted = [...seen].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      const expected =
        sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
      expect(median.median).toBe(expected);
    }
    expect(median.count).toBe(7);
  });

  it('finds the last epoch at or before a bound, evenly spaced or not, as a binary search does', () => {
    const search = (epochs: readonly number[], bound: number) => {
      let found = -1;
      for (let i = 0; i < epochs.length; i++) if ((epochs[i] as number) <= bound) found = i;
      return found;
    };
    const grids = [[1, 2, 3, 4, 5], [0.5, 1, 1.5, 2], [1, 2, 4, 8, 16, 17], [3], [2, 2, 2], [1, 1, 2, 9]];
    for (const epochs of grids) {
      for (const bound of [-1, 0, 0.5, 1, 1.2, 2, 2.5, 3, 4, 7.9, 8, 9, 16, 16.5, 17, 40]) {
        expect(lastAtOrBefore(epochs, bound), `${epochs} at ${bound}`).toBe(search(epochs, bound));
      }
    }
  });

  it('finds the last point at or before an epoch and inserts in order', () => {
    const points = curve([1, 2, 3], [1, 5, 10]);
    expect([0, 1, 4.9, 5, 9, 10, 11].map((e) => lastIndexAtOrBefore(points, e))).toEqual([
      -1, 0, 0, 1, 1, 2, 2,
    ]);
    const sorted = [1, 3, 3, 7];
    insertSorted(sorted, 3);
    insertSorted(sorted, 0);
    insertSorted(sorted, 8);
    expect(sorted).toEqual([0, 1, 3, 3, 3, 7, 8]);
  });

  it('median stopping sees trials appended to the same list after its first decision', () => {
    const rule = medianStopping({ minTrials: 3 });
    const list: FinishedTrialInfo[] = [10, 20, 30].map((v, i) => finished(`f${i}`, v, curve([v, v])));
    // Median of running means at epoch 2: 20; a best of 25 continues.
    expect(rule.decide(context({ points: curve([25, 25]), finished: list })).stop).toBe(false);
    list.push(finished('f3', 40, curve([40, 40])), finished('f4', 50, curve([50, 50])));
    // Now 10…50: median 30, and 25 stops.
    const verdict = rule.decide(context({ points: curve([25, 25]), finished: list }));
    expect(verdict.stop && verdict.reason).toContain('median 30 of 5 finished trials');
    // A new list (a replaced or restored trial) is indexed from scratch.
    const replaced = list.slice(0, 3);
    expect(rule.decide(context({ points: curve([25, 25]), finished: replaced })).stop).toBe(false);
  });
});
