import type { EpochLogs } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../../src/curve/points.js';
import { FIT_POINTS, fitSample, fitsAnew, REFIT_GROWTH } from '../../src/extrapolate/fit-schedule.js';
import type { Extrapolator } from '../../src/extrapolate/types.js';
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

function predictorWith(extrapolator: Extrapolator): Predictor {
  const options = { rule: { kind: 'peng4nn' } as const, calibration: false as const };
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

describe('fit schedule (#13.11: long curves in about linear time)', () => {
  it('fits a curve of up to FIT_POINTS points at every point on all its points', () => {
    const { extrapolator, seen } = countingExtrapolator();
    const values = feed(predictorWith(extrapolator), 200);
    const firstFit = 200 - seen.length + 1;
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => firstFit + i));
    expect(values.at(-1)).toBeCloseTo(90 - 80 / 200 + 1, 9);
  });

  it('fits a long curve on FIT_POINTS points, anew only after it grew by 1/REFIT_GROWTH', () => {
    const n = 4000;
    const { extrapolator, seen } = countingExtrapolator();
    const values = feed(predictorWith(extrapolator), n);
    expect(Math.max(...seen)).toBe(FIT_POINTS);
    const bound = FIT_POINTS + Math.ceil(REFIT_GROWTH * Math.log(n / FIT_POINTS)) + 1;
    expect(seen.length).toBeLessThanOrEqual(bound);
    expect(seen.length).toBeGreaterThan(FIT_POINTS);
    // Every point still gets a prediction; between fits the last fit's value stands.
    expect(values).toHaveLength(n - (seen[0] as number) + 1);
    expect(values.every((v) => v !== null && Number.isFinite(v))).toBe(true);
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

  it('refits when the curve shrank (a retrained trial) or was never fitted', () => {
    expect(fitsAnew(10, 9)).toBe(true);
    expect(fitsAnew(1000, undefined)).toBe(true);
    expect(fitsAnew(1000, 1200)).toBe(true);
    expect(fitsAnew(1000, 999)).toBe(false);
    expect(fitsAnew(1000, Math.floor(1000 / (1 + 1 / REFIT_GROWTH)))).toBe(true);
  });
});
