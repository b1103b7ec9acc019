import { describe, expect, it } from 'vitest';
import { type FitOptions, fitCurve } from '../../src/fit/index.js';
import { peng4nn } from '../../src/models/index.js';
import { peng4nnRule } from '../../src/rules/peng4nn.js';
import type { PredictionStep } from '../../src/rules/types.js';
import { context, curve, step } from '../helpers/context.js';
import { readTestVectors } from '../helpers/curves.js';

const vectors = readTestVectors();

/**
 * The reference configuration: one start at [10, 1.001, 100], bounds a ∈ [0.5, 200], b ≥ 1, c ≥ 0, unweighted,
 * percent data. x convention: the k-th validation point (epoch k·E, E = 0.5) is x = k, so the prediction for
 * epoch 20 is at x = 20 / 0.5 = 40 (the trace's fits reproduce at SSE ~0 on x = 1..n and not on 0..n−1 or 2..n+1).
 */
const REFERENCE: FitOptions = { starts: 1, dataScale: 100 };
const TARGET_X = 40;

function fitPrefix(model: VectorModel, n: number) {
  const xs = Array.from({ length: n }, (_, i) => i + 1);
  const ys = model.val_acc.slice(0, n);
  return { xs, ys, fit: fitCurve(peng4nn, xs, ys, REFERENCE) };
}

function sse(p: readonly number[], xs: readonly number[], ys: readonly number[]): number {
  const f = peng4nn.fn(p);
  return xs.reduce((sum, x, i) => sum + ((ys[i] as number) - f(x)) ** 2, 0);
}

/**
 * Trace entries that our LM does not reproduce within 0.01 points, and why: with 2 points the 3-parameter
 * fit is underdetermined (scipy's TRF and our LM land on different exact fits, SSE ~0); on the nearly flat
 * 1 % curve (…917381) at n = 10, 11 a long flat valley (b → 1, c large) leaves ours at the iteration cap with
 * an SSE 0.04 % above scipy's, predictions 0.04 points apart. None of them is near a stop decision: the rule
 * test below reproduces every stop.
 */
const KNOWN_DIFFERENCES = new Set([
  '2021_02_15_13_55_26_539263.txt:2',
  '2021_02_15_13_56_59_917381.txt:10',
  '2021_02_15_13_56_59_917381.txt:11',
  '2021_02_15_14_01_32_105932.txt:2',
]);

describe('peng4nn in the reference configuration', () => {
  const entries = vectors.models.flatMap((model) =>
    model.per_fit_trace
      .filter((t) => t.a !== null && t.a < 199.99 && t.pred_at_e20 !== null)
      .map((t) => ({ model, trace: t })),
  );

  it('reproduces 105 of the 109 reference predictions within 0.01 points (the rest are known)', () => {
    const mismatched: string[] = [];
    for (const { model, trace } of entries) {
      const { fit } = fitPrefix(model, trace.n_points);
      const ours = fit.ok ? fit.evaluate(TARGET_X) : Number.NaN;
      if (!(Math.abs(ours - (trace.pred_at_e20 as number)) <= 0.01)) {
        mismatched.push(`${model.model}:${trace.n_points}`);
      }
    }
    expect(entries).toHaveLength(109);
    expect(mismatched.sort()).toEqual([...KNOWN_DIFFERENCES].sort());
  });

  it('lands, where it differs with at least 3 points, within 0.3 % of the reference SSE or at the iteration cap', () => {
    for (const { model, trace } of entries) {
      const key = `${model.model}:${trace.n_points}`;
      if (!KNOWN_DIFFERENCES.has(key) || trace.n_points < 3) continue;
      const { xs, ys, fit } = fitPrefix(model, trace.n_points);
      if (!fit.ok) throw new Error(`${key}: ${fit.reason}`);
      const reference = sse([trace.a, trace.b, trace.c] as number[], xs, ys);
      if (fit.iterations < 200) expect(fit.sse, key).toBeLessThan(reference * 1.003);
    }
  });

  it.each(vectors.models.map((m) => [m.model, m] as const))(
    'gives the reference rule the stop epoch and prediction of %s',
    (_, model) => {
      const rule = peng4nnRule({ N: 3, t: 0.5, cMin: 3, firstFitPoints: 2, aCap: 200 });
      const points = curve(model.val_acc, model.epochs);
      const steps: PredictionStep[] = [];
      let stop: { epoch: number; prediction: number | undefined } | undefined;
      for (let k = 2; k <= points.length && stop === undefined; k++) {
        const { fit } = fitPrefix(model, k);
        const members = fit.ok
          ? [
              {
                model: 'peng4nn',
                weight: 1,
                params: { a: fit.params[0], b: fit.params[1], c: fit.params[2] },
              },
            ]
          : [];
        steps.push(
          step(model.epochs[k - 1] as number, fit.ok ? fit.evaluate(TARGET_X) : null, { points: k, members }),
        );
        const verdict = rule.decide(context({ points: points.slice(0, k), steps, target: 20 }));
        if (verdict.stop) stop = { epoch: points[k - 1]?.epoch as number, prediction: verdict.prediction };
      }
      expect(stop?.epoch).toBe(model.expected.stabilized_at_epoch);
      expect(Math.abs((stop?.prediction ?? Number.NaN) - model.expected.predicted_acc_at_e20)).toBeLessThan(
        0.01,
      );
    },
  );
});
