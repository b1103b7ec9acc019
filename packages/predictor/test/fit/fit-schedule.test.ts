import type { EpochLogs } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../../src/curve/points.js';
import { DENSE_POINTS, FIT_POINTS, fitSample, fitsAnew } from '../../src/extrapolate/fit-schedule.js';
import type { Extrapolator } from '../../src/extrapolate/types.js';
import { DEFAULT_FIT } from '../../src/options/defaults.js';
import { Predictor } from '../../src/plugin/predictor.js';
import { resolveMetric } from '../../src/plugin/resolve.js';
import { buildRule } from '../../src/rules/from-spec.js';

/** An extrapolator that counts its calls and the points each saw, predicting the last value plus one. */
function countingExtrapolator() {
  const seen: number[] = [];
  const extrapolator: Extrapolator = {
    label: 'counting',
    extrapolate(xs, ys) {
      seen.push(xs.length);
      return { ok: true, value: (ys[ys.length - 1] as number) + 1, spread: null, members: [] };
    },
  };
  return { extrapolator, seen };
}

function predictorWith(extrapolator: Extrapolator, refitGrowth: number, refitEvery = 10): Predictor {
  const options = {
    rule: { kind: 'peng4nn' } as const,
    calibration: false as const,
    fit: { ...DEFAULT_FIT, refitGrowth, refitEvery },
  };
  const metric = resolveMetric(options);
  return new Predictor(options, metric, buildRule(options.rule, { range: metric.range }), extrapolator);
}

/** Feeds a curve of n points to the predictor point by point, as the engine would. */
function feed(predictor: Predictor, n: number, maxEpochs = n): (number | null)[] {
  const curve: EpochLogs[] = [];
  const values: (number | null)[] = [];
  for (let epoch = 1; epoch <= n; epoch++) {
    curve.push({ epoch, val_acc: 90 - 80 / epoch });
    const prediction = predictor.observe({ id: 't0', index: 0, curve, maxEpochs });
    if (prediction !== undefined) values.push(prediction.value);
  }
  return values;
}

describe('fit schedule (#12, #13.11: a trial costs a few dozen fits whatever its length)', () => {
  it('with refitGrowth 0, fits a curve of up to FIT_POINTS points at every point on all its points', () => {
    const { extrapolator, seen } = countingExtrapolator();
    const values = feed(predictorWith(extrapolator, 0), 200);
    const firstFit = 200 - seen.length + 1;
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => firstFit + i));
    expect(values.at(-1)).toBeCloseTo(90 - 80 / 200 + 1, 9);
  });

  it('fits at every point up to DENSE_POINTS, then once the curve grew by refitGrowth', () => {
    const { extrapolator, seen } = countingExtrapolator();
    const values = feed(predictorWith(extrapolator, 0.1), 200);
    const dense = seen.filter((n) => n <= DENSE_POINTS);
    expect(dense).toEqual(Array.from({ length: dense.length }, (_, i) => (dense[0] as number) + i));
    expect(dense.at(-1)).toBe(DENSE_POINTS);
    // 10, then 11 (>= 10 x 1.1), 13 (>= 12.1), 15 (>= 14.3), 17 (>= 16.5) ...
    expect(seen.slice(dense.length, dense.length + 4)).toEqual([11, 13, 15, 17]);
    for (let i = dense.length; i < seen.length; i++)
      expect(seen[i] as number).toBe(Math.ceil((seen[i - 1] as number) * 1.1 - 1e-9));
    expect(seen.length).toBeLessThanOrEqual(DENSE_POINTS + Math.ceil(Math.log(20) / Math.log(1.1)));
    // Every point still gets a prediction; between fits the last fit's value stands.
    expect(values).toHaveLength(200 - (seen[0] as number) + 1);
    expect(values.at(-1)).toBeCloseTo(90 - 80 / (seen.at(-1) as number) + 1, 9);
  });

  it('fits a long curve on FIT_POINTS points spread over it', () => {
    const n = 4000;
    const { extrapolator, seen } = countingExtrapolator();
    const values = feed(predictorWith(extrapolator, 0.1), n);
    expect(Math.max(...seen)).toBe(FIT_POINTS);
    expect(seen.length).toBeLessThanOrEqual(
      DENSE_POINTS + Math.ceil(Math.log(n / DENSE_POINTS) / Math.log(1.1)),
    );
    expect(values).toHaveLength(n - (seen[0] as number) + 1);
    expect(values.every((v) => v !== null && Number.isFinite(v))).toBe(true);
  });

  it('warm-starts every fit but each refitEvery-th, which runs without the previous parameters', () => {
    const warmStarted: boolean[] = [];
    const extrapolator: Extrapolator = {
      label: 'counting',
      extrapolate(_xs, ys, _x, _direction, previous) {
        warmStarted.push(previous !== undefined);
        const members = [{ model: 'counting', weight: 1, params: {} }];
        return { ok: true, value: (ys[ys.length - 1] as number) + 1, spread: null, members };
      },
    };
    feed(predictorWith(extrapolator, 0, 4), 20);
    // The first fit has no previous; then fits 4, 8, 12 ... start afresh (and there are at least 12 fits).
    expect(warmStarted.length).toBeGreaterThanOrEqual(12);
    warmStarted.forEach((warm, i) => {
      const fit = i + 1;
      expect(warm).toBe(fit !== 1 && fit % 4 !== 0);
    });
  });

  it('samples the first and the latest point and keeps the epochs in order', () => {
    const points: CurvePoint[] = Array.from({ length: 1001 }, (_, i) => ({ epoch: i + 1, value: i }));
    const sample = fitSample(points);
    expect(sample).toHaveLength(FIT_POINTS);
    expect(sample[0]).toBe(points[0]);
    expect(sample.at(-1)).toBe(points.at(-1));
    for (let i = 1; i < sample.length; i++)
      expect((sample[i] as CurvePoint).epoch).toBeGreaterThan((sample[i - 1] as CurvePoint).epoch);
    expect(fitSample(points.slice(0, FIT_POINTS))).toHaveLength(FIT_POINTS);
  });

  it('refits when the curve shrank (a retrained trial), was never fitted, or is short', () => {
    expect(fitsAnew(10, 9, 0.1)).toBe(true);
    expect(fitsAnew(1000, undefined, 0.1)).toBe(true);
    expect(fitsAnew(1000, 1200, 0.1)).toBe(true);
    expect(fitsAnew(1000, 999, 0.1)).toBe(false);
    expect(fitsAnew(1100, 1000, 0.1)).toBe(true);
    expect(fitsAnew(1000, 999, 0)).toBe(true);
  });
});
