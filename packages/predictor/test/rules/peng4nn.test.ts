import { describe, expect, it } from 'vitest';
import { peng4nnRule } from '../../src/rules/peng4nn.js';
import type { PredictionStep } from '../../src/rules/types.js';
import { context, curve, step } from '../helpers/context.js';
import { readTestVectors, type TraceFit } from '../helpers/curves.js';

const vectors = readTestVectors();

function traceStep(fit: TraceFit): PredictionStep {
  const members =
    fit.a === null
      ? []
      : [{ model: 'peng4nn', weight: 1, params: { a: fit.a, b: fit.b ?? 1, c: fit.c ?? 0 } }];
  return step(fit.last_epoch, fit.pred_at_e20, { points: fit.n_points, members });
}

describe('peng4nn rule', () => {
  it.each(vectors.models.map((m) => [m.model, m] as const))(
    'stops %s where the reference code did, given the reference fits',
    (_, model) => {
      const rule = peng4nnRule({ N: 3, t: 0.5, cMin: 3, firstFitPoints: 2, aCap: 200 });
      const points = curve(model.val_acc, model.epochs);
      let stop: { epoch: number; prediction: number | undefined } | undefined;
      for (let k = 1; k <= points.length && stop === undefined; k++) {
        const steps = model.per_fit_trace.filter((f) => f.n_points <= k).map(traceStep);
        const verdict = rule.decide(context({ points: points.slice(0, k), steps, target: 20 }));
        if (verdict.stop) stop = { epoch: points[k - 1]?.epoch as number, prediction: verdict.prediction };
      }
      expect(stop?.epoch).toBe(model.expected.stabilized_at_epoch);
      expect(stop?.prediction).toBeCloseTo(model.expected.predicted_acc_at_e20, 2);
    },
  );

  it('names the family, the window, the tolerance and the prediction in its reason', () => {
    const members = [{ model: 'peng4nn', weight: 1, params: { a: 50, b: 1.2, c: 3 } }];
    const steps = [step(3, 49.8, { members }), step(4, 50.1, { members }), step(5, 50, { members })];
    const verdict = peng4nnRule().decide(context({ points: curve([10, 20, 30, 40, 45]), steps, target: 25 }));
    expect(verdict).toEqual({
      stop: true,
      reason:
        'peng4nn: converged: last 3 predictions [49.8, 50.1, 50] (peng4nn) within 0.5 of their median 50; predicted 50 at epoch 25',
      prediction: 50,
    });
  });

  it('does not stop while predictions disagree or before cMin points', () => {
    const rule = peng4nnRule({ N: 3, t: 0.5, cMin: 3 });
    const agreeing = [step(1, 50), step(2, 50), step(3, 50)];
    expect(rule.decide(context({ points: curve([1, 2]), steps: agreeing })).stop).toBe(false);
    const spread = [step(1, 50), step(2, 51), step(3, 50)];
    expect(rule.decide(context({ points: curve([1, 2, 3]), steps: spread })).stop).toBe(false);
  });

  it('lets failed fits keep the streak (skip) or break it (reset)', () => {
    const steps = [step(1, 50), step(2, null), step(3, 50.2), step(4, 50.1)];
    const points = curve([1, 2, 3, 4]);
    expect(peng4nnRule({ onFailedFit: 'skip' }).decide(context({ points, steps })).stop).toBe(true);
    expect(peng4nnRule({ onFailedFit: 'reset' }).decide(context({ points, steps })).stop).toBe(false);
  });

  it('resets the window on an out-of-range prediction or a capped asymptote', () => {
    const points = curve([1, 2, 3, 4, 5]);
    const outOfRange = [step(1, 50), step(2, 50), step(3, 150), step(4, 50), step(5, 50)];
    expect(peng4nnRule().decide(context({ points, steps: outOfRange })).stop).toBe(false);
    expect(peng4nnRule({ onOutOfRange: 'skip' }).decide(context({ points, steps: outOfRange })).stop).toBe(
      true,
    );
    const capped = [{ model: 'peng4nn', weight: 1, params: { a: 199.995, b: 1, c: 0 } }];
    const atCap = [step(1, 50), step(2, 50), step(3, 50, { members: capped }), step(4, 50), step(5, 50)];
    expect(peng4nnRule().decide(context({ points, steps: atCap })).stop).toBe(false);
    expect(peng4nnRule({ aCap: null }).decide(context({ points, steps: atCap })).stop).toBe(true);
  });

  it('checks the plausible range in metric units, so it works for minimised metrics', () => {
    const rule = peng4nnRule({ range: [0, Number.POSITIVE_INFINITY] });
    const steps = [step(1, -0.52), step(2, -0.5), step(3, -0.51)];
    const verdict = rule.decide(context({ points: curve([-0.9, -0.7, -0.6]), steps, toMetric: (s) => -s }));
    expect(verdict.stop && verdict.reason).toContain('predicted 0.51');
  });

  it('rejects bad options with the path, the expectation and the value', () => {
    expect(() => peng4nnRule({ N: 1 })).toThrow('rules.peng4nn.N: expected an integer >= 2, got 1');
    expect(() => peng4nnRule({ t: -1 })).toThrow('rules.peng4nn.t: expected a number >= 0, got -1');
    expect(() => peng4nnRule({ range: [5, 1] })).toThrow(
      'rules.peng4nn.range: expected [min, max] with min < max',
    );
  });
});
