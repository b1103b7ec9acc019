import { describe, expect, it } from 'vitest';
import { ExtrapolationCalibration } from '../../src/calibration/calibration.js';
import { resolvePredictorOptions } from '../../src/options/resolve-options.js';
import { buildRule } from '../../src/rules/from-spec.js';

const range = [0, 100] as const;

describe('old warm-up names behave as the min<Unit> names they became', () => {
  it('the rule built from an old name fits from the same point as the one built from the new name', () => {
    const pairs = [
      [
        { kind: 'peng4nn', firstFitPoints: 2 },
        { kind: 'peng4nn', minPoints: 2 },
      ],
      [
        { kind: 'confident', cMin: 5 },
        { kind: 'confident', minPoints: 5 },
      ],
      [
        { kind: 'confident', fitFrom: 4 },
        { kind: 'confident', minPoints: 4 },
      ],
      [
        { kind: 'top-fraction', fitFrom: 6 },
        { kind: 'top-fraction', minPoints: 6 },
      ],
    ] as const;
    for (const [old, current] of pairs) {
      const fromOld = buildRule(resolvePredictorOptions({ rule: old }).rule, { range });
      const fromCurrent = buildRule(resolvePredictorOptions({ rule: current }).rule, { range });
      expect(fromOld.fitFrom).toBe(current.minPoints);
      expect(fromCurrent.fitFrom).toBe(current.minPoints);
    }
  });

  it("the confident rule's fitFrom wins over its cMin, and minPoints over both", () => {
    const rule = (spec: Record<string, unknown>) => resolvePredictorOptions({ rule: spec }).rule;
    expect(rule({ kind: 'confident', cMin: 5, fitFrom: 4 })).toEqual({ kind: 'confident', minPoints: 4 });
    expect(rule({ kind: 'confident', cMin: 5, fitFrom: 4, minPoints: 3 })).toEqual({
      kind: 'confident',
      minPoints: 3,
    });
  });

  it('the calibration takes warmup as minSamples, and names the option the caller wrote in errors', () => {
    expect(new ExtrapolationCalibration({ warmup: 4 }).minSamples).toBe(4);
    expect(new ExtrapolationCalibration({ warmup: 4, minSamples: 6 }).minSamples).toBe(6);
    expect(new ExtrapolationCalibration().minSamples).toBe(5);
    expect(() => new ExtrapolationCalibration({ minSamples: 1 })).toThrow(
      'calibration.minSamples: expected an integer >= 2, got 1',
    );
    expect(resolvePredictorOptions({ calibration: { warmup: 3 } }).calibration).toMatchObject({
      minSamples: 3,
    });
  });
});
