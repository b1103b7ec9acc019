import { createRng } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { detectScale, fitCurve, scoreTransform } from '../../src/fit/index.js';
import { builtinModels, type CurveModel, modelFromFormula } from '../../src/models/index.js';

const { peng4nn, pow3, weibull } = builtinModels;
const xs = [1, 2, 3, 4, 5, 6, 7, 8];
const acc = [41.2, 55, 61.3, 64.8, 66.9, 68.1, 68.9, 69.3];

describe('fitCurve: bad input never throws', () => {
  it.each([
    ['empty', [], [], /expected at least 2 points, got 0/],
    ['one point', [1], [40], /expected at least 2 points, got 1/],
    ['NaN', [1, 2, 3], [40, Number.NaN, 50], /y\[1\] is not a finite number: NaN/],
    ['Infinity', [1, 2, 3], [40, 45, Number.POSITIVE_INFINITY], /y\[2\] is not a finite number: Infinity/],
    ['non-finite x', [1, Number.NaN, 3], [40, 45, 50], /x\[1\] is not a finite number/],
    ['repeated x', [1, 2, 2], [40, 45, 50], /expected increasing x, got x\[1\] = 2 then x\[2\] = 2/],
    ['x out of order', [1, 3, 2], [40, 45, 50], /expected increasing x/],
    ['unequal lengths', [1, 2, 3], [40, 45], /expected xs and ys of equal length, got 3 and 2/],
    ['constant curve', [1, 2, 3, 4], [10, 10, 10, 10], /constant curve \(all 4 values are 10\)/],
  ] as const)('%s → { ok: false, reason }', (_, x, y, reason) => {
    for (const model of [peng4nn, pow3, weibull]) {
      const fit = fitCurve(model, x, y);
      expect(fit.ok).toBe(false);
      if (!fit.ok) {
        expect(fit.model).toBe(model.name);
        expect(fit.reason).toMatch(reason);
      }
    }
  });

  it.each([
    [{ starts: 0 }, 'options.starts: expected an integer >= 1, got 0'],
    [{ maxIterations: 2.5 }, 'options.maxIterations: expected an integer >= 1, got 2.5'],
    [{ dataScale: -1 }, 'options.dataScale: expected a finite number > 0 (1 or 100), got -1'],
    [{ relativeTolerance: Number.NaN }, 'options.relativeTolerance: expected a number >= 0, got NaN'],
    [{ seed: Number.POSITIVE_INFINITY }, 'options.seed: expected a finite number, got Infinity'],
  ])('bad options %j → { ok: false, reason }', (options, reason) => {
    expect(fitCurve(pow3, xs, acc, options)).toEqual({ ok: false, model: 'pow3', reason });
  });

  it('reports a model that throws as a failed fit', () => {
    const broken: CurveModel = {
      ...pow3,
      name: 'broken',
      jacobian: undefined,
      fn: () => {
        throw new Error('boom');
      },
    };
    const fit = fitCurve(broken, xs, acc);
    expect(fit).toEqual({
      ok: false,
      model: 'broken',
      reason: 'fit failed: boom',
    });
  });

  it('reports a model that is never finite as a failed fit', () => {
    const nan = modelFromFormula({ formula: 'log(-a - x)', params: [{ name: 'a', initial: 1, lower: 0 }] });
    const fit = fitCurve(nan, xs, acc);
    expect(fit.ok).toBe(false);
    if (!fit.ok) expect(fit.reason).toBe('no start point led to a finite fit (the model is NaN at x = 1)');
  });

  it('says where a family is not finite, e.g. a power law at x = 0', () => {
    const fit = fitCurve(pow3, [0, 1, 2, 3], [0.2, 0.5, 0.6, 0.65]);
    expect(fit.ok).toBe(false);
    if (!fit.ok)
      expect(fit.reason).toMatch(
        /^no start point led to a finite fit \(the model is -\d.*e\+\d+ at x = 0\)$/,
      );
  });
});

describe('fitCurve', () => {
  it('fits a saturating percent curve closely and extrapolates it below the asymptote', () => {
    const fit = fitCurve(peng4nn, xs, acc);
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.n).toBe(8);
    expect(fit.sse).toBeLessThan(1);
    expect(fit.evaluate(40)).toBeGreaterThan(69.3);
    expect(fit.evaluate(40)).toBeLessThan(72);
  });

  it('is deterministic under a seed, and random starts depend on it', () => {
    const rng = createRng(3);
    const ys = acc.map((y) => y + rng.normal());
    const a = fitCurve(weibull, xs, ys, { starts: 8, seed: 5 });
    const b = fitCurve(weibull, xs, ys, { starts: 8, seed: 5 });
    if (!a.ok || !b.ok) throw new Error('fit failed');
    expect(a.params).toEqual(b.params);
    expect(a.evaluate(30)).toBe(b.evaluate(30));
  });

  it('keeps no state between fits: the same data give the same fit whatever was fitted before', () => {
    const other = [3, 9, 12, 14, 14.5, 15, 15.2, 15.3];
    const first = fitCurve(weibull, xs, acc);
    fitCurve(weibull, xs, other);
    fitCurve(
      weibull,
      xs,
      acc.map((y) => y / 100),
    );
    const again = fitCurve(weibull, xs, acc);
    if (!first.ok || !again.ok) throw new Error('fit failed');
    expect(again.params).toEqual(first.params);
    expect(again.iterations).toBe(first.iterations);
  });

  it('never does worse with more starts', () => {
    const ys = [2.2, 3.3, 5.6, 6.6, 6.7, 8.8, 10.2, 9, 11.6, 13.5];
    const x = ys.map((_, i) => i + 1);
    const one = fitCurve(peng4nn, x, ys, { starts: 1 });
    const many = fitCurve(peng4nn, x, ys, { starts: 12, seed: 1 });
    if (!one.ok || !many.ok) throw new Error('fit failed');
    expect(many.sse).toBeLessThanOrEqual(one.sse);
  });

  it('fits a decreasing loss with direction minimize and predicts in loss units', () => {
    const loss = xs.map((x) => 0.3 + 1.2 * Math.exp(-0.4 * x));
    const fit = fitCurve(builtinModels.exp3, xs, loss, { direction: 'minimize' });
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.evaluate(3)).toBeCloseTo(loss[2] as number, 4);
    expect(fit.evaluate(50)).toBeCloseTo(0.3, 3);
  });
});

describe('score transform', () => {
  it('detects percent data and maps it into a model written for fractions', () => {
    expect(detectScale([0.1, 0.5, 0.93])).toBe(1);
    expect(detectScale([10, 50, 93])).toBe(100);
    const t = scoreTransform([10, 50], 1, 'maximize');
    expect(t.toModel(50)).toBeCloseTo(0.5, 12);
    expect(t.fromModel(0.5)).toBeCloseTo(50, 12);
  });

  it('maps a positive loss to 0 at its worst value and to the model scale at 0', () => {
    const t = scoreTransform([2, 1, 0.5], 1, 'minimize');
    expect(t.toModel(2)).toBeCloseTo(0, 12);
    expect(t.toModel(0)).toBeCloseTo(1, 12);
    expect(t.fromModel(t.toModel(0.7))).toBeCloseTo(0.7, 12);
    const negative = scoreTransform([-1, -3], 100, 'minimize');
    expect(negative.toModel(-3)).toBeGreaterThan(negative.toModel(-1));
  });
});

describe('warm start', () => {
  it('converges from the previous step in fewer iterations to the same fit', () => {
    const ys = [9.68, 14.91, 17.29, 19.5, 20.97, 22.67, 23.36, 24.2, 25.14, 24.96];
    const x = ys.map((_, i) => i + 1);
    const previous = fitCurve(peng4nn, x.slice(0, -1), ys.slice(0, -1), { starts: 1 });
    if (!previous.ok) throw new Error(previous.reason);
    const cold = fitCurve(peng4nn, x, ys, { starts: 1 });
    const warm = fitCurve(peng4nn, x, ys, { starts: 1, warmStart: previous.params });
    if (!cold.ok || !warm.ok) throw new Error('fit failed');
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(warm.evaluate(40)).toBeCloseTo(cold.evaluate(40), 2);
  });

  it('ignores a warm start of the wrong length or with non-finite values', () => {
    const a = fitCurve(peng4nn, xs, acc, { starts: 1 });
    const b = fitCurve(peng4nn, xs, acc, { starts: 1, warmStart: [1, 2] });
    const c = fitCurve(peng4nn, xs, acc, { starts: 1, warmStart: [Number.NaN, 1, 1] });
    if (!a.ok || !b.ok || !c.ok) throw new Error('fit failed');
    expect(b.params).toEqual(a.params);
    expect(c.params).toEqual(a.params);
  });
});
