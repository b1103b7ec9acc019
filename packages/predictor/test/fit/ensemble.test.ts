import { describe, expect, it } from 'vitest';
import { fitEnsemble } from '../../src/fit/index.js';
import { builtinModels, modelFromFormula } from '../../src/models/index.js';

const { pow3, weibull, mmf, logx_linear: logxLinear } = builtinModels;
const xs = Array.from({ length: 12 }, (_, i) => i + 1);
const truth = (x: number) => 80 - 60 * Math.exp(-0.35 * x);
const ys = xs.map((x, i) => truth(x) + (i % 2 === 0 ? 0.3 : -0.3));

describe('fitEnsemble', () => {
  it.each(['bic', 'aic', 'holdout', 'equal'] as const)('combines families with %s weights', (weighting) => {
    const result = fitEnsemble([pow3, weibull, mmf], xs, ys, 40, { weighting });
    if (!result.ok) throw new Error(result.reason);
    expect(result.members.map((m) => m.model)).toEqual(['pow3', 'weibull', 'mmf']);
    const total = result.members.reduce((s, m) => s + m.weight, 0);
    expect(total).toBeCloseTo(1, 12);
    const mean = result.members.reduce((s, m) => s + m.weight * m.prediction, 0);
    expect(result.prediction).toBeCloseTo(mean, 10);
    expect(result.spread).toBeGreaterThanOrEqual(0);
    if (weighting === 'equal') for (const m of result.members) expect(m.weight).toBeCloseTo(1 / 3, 12);
    else expect(Math.abs(result.prediction - truth(40))).toBeLessThan(3);
  });

  it('gives the better-fitting family the larger BIC weight', () => {
    const result = fitEnsemble([weibull, logxLinear], xs, ys, 40);
    if (!result.ok) throw new Error(result.reason);
    const [w, l] = result.members;
    expect(w?.weight).toBeGreaterThan(l?.weight ?? 1);
    expect(w?.params).toHaveProperty('kappa');
  });

  it('predicts better with fit-quality weights than with equal weights here', () => {
    const bic = fitEnsemble([pow3, weibull, mmf], xs, ys, 40, { weighting: 'bic' });
    const equal = fitEnsemble([pow3, weibull, mmf], xs, ys, 40, { weighting: 'equal' });
    if (!bic.ok || !equal.ok) throw new Error('fit failed');
    expect(Math.abs(bic.prediction - truth(40))).toBeLessThan(Math.abs(equal.prediction - truth(40)));
  });

  it('has zero spread for one member', () => {
    const result = fitEnsemble([weibull], xs, ys, 40);
    expect(result.ok && result.spread).toBe(0);
  });

  it('leaves out members outside the plausible range, with the reason', () => {
    const wild = modelFromFormula({
      name: 'line',
      formula: 'a * x + b',
      params: [
        { name: 'a', initial: 0.01 },
        { name: 'b', initial: 0.1 },
      ],
    });
    const result = fitEnsemble([wild, weibull], xs, ys, 400, { range: [0, 100] });
    if (!result.ok) throw new Error(result.reason);
    expect(result.members[0]).toMatchObject({
      model: 'line',
      weight: 0,
      reason: expect.stringMatching(/outside \[0, 100\]/),
    });
    expect(result.members[1]?.weight).toBe(1);
  });

  it('fails with every member named when nothing fits, never throwing', () => {
    const result = fitEnsemble([pow3, weibull], [1, 2, 3], [5, 5, 5], 10);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/constant curve/), members: [] });
    expect(fitEnsemble([pow3], xs, ys, 40, { weighting: 'best' as 'bic' })).toEqual({
      ok: false,
      reason: 'options.weighting: expected one of bic, aic, holdout, equal, got best',
      members: [],
    });
    const bad = fitEnsemble([pow3], xs, ys, Number.NaN);
    expect(bad.ok).toBe(false);
    expect(fitEnsemble([], xs, ys, 10)).toEqual({
      ok: false,
      reason: 'expected at least one curve model, got none',
      members: [],
    });
    const allOut = fitEnsemble([pow3, weibull], xs, ys, 40, { range: [0, 1] });
    expect(allOut.ok).toBe(false);
    if (!allOut.ok)
      expect(allOut.reason).toMatch(/^no usable fit \(pow3: prediction .* outside \[0, 1\]; weibull: /);
  });
});
