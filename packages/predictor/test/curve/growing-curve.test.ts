import type { EpochLogs } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { GrowingCurve } from '../../src/curve/growing-curve.js';
import { cleanCurve, pointsAsScores } from '../../src/curve/points.js';

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('GrowingCurve', () => {
  it('equals cleanCurve after every appended log, whatever the logs hold', () => {
    for (let seed = 0; seed < 200; seed++) {
      const next = random(seed);
      const growing = new GrowingCurve('loss', 'minimize');
      const logs: EpochLogs[] = [];
      for (let i = 0; i < 40; i++) {
        const r = next();
        // Mostly in-order finite points; sometimes NaN, null, a repeated or an earlier epoch, a rewritten curve.
        const epoch = r < 0.05 ? Math.max(1, logs.length - 2) : logs.length + 1;
        const value = r > 0.95 ? Number.NaN : r > 0.9 ? null : -0 + next() * 10;
        if (r > 0.04 && r < 0.05 && logs.length > 3) logs.splice(logs.length - 2, 2);
        logs.push({ epoch, loss: value });
        const view = seed % 2 === 0 ? logs : logs.map((l) => ({ ...l }));
        const { points, scores } = growing.update(view);
        const expected = cleanCurve(view, 'loss').points;
        expect(points).toEqual(expected);
        expect(scores).toEqual(pointsAsScores(expected, 'minimize'));
      }
    }
  });
});
