import { createRng } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { fitCurve } from '../../src/fit/index.js';
import { type BuiltinModelName, builtinModelNames, builtinModels } from '../../src/models/index.js';

/** True parameters of a typical, well-identified curve of each family (unit scale, except peng4nn: percent). */
const truth: Record<BuiltinModelName, number[]> = {
  peng4nn: [72, 1.25, 18],
  pow3: [0.82, 0.6, 0.7],
  pow4: [0.8, 0.5, 0.6, 0.9],
  log_power: [0.85, 1.2, -1.3],
  weibull: [0.8, 0.1, 0.15, 1.1],
  mmf: [0.8, 0.1, 0.2, 1.5],
  janoschek: [0.8, 0.1, 0.12, 1.1],
  exp3: [0.8, 0.15, -0.3],
  exp4: [0.8, 0.4, -0.2, 0.7],
  vap: [-0.2, -1.2, 0.02],
  hill3: [0.82, 1.4, 4],
  ilog2: [0.85, 0.35],
  loglog_linear: [0.25, 1.6],
  logx_linear: [0.08, 0.45],
};

function noisyCurve(name: BuiltinModelName, n: number, sd: number, seed: number) {
  const model = builtinModels[name];
  const f = model.fn(truth[name]);
  const rng = createRng(seed);
  const xs = Array.from({ length: n }, (_, i) => i + 1);
  return { xs, ys: xs.map((x) => f(x) + sd * (model.scale ?? 1) * rng.normal()), f };
}

describe.each(builtinModelNames)('curve family %s', (name) => {
  const model = builtinModels[name];

  it('recovers its parameters from 40 noisy points', () => {
    const { xs, ys, f } = noisyCurve(name, 40, 0.002, 7);
    const fit = fitCurve(model, xs, ys, { dataScale: model.scale ?? 1 });
    if (!fit.ok) throw new Error(fit.reason);
    fit.params.forEach((p, i) => {
      const want = truth[name][i] as number;
      expect(Math.abs(p - want), `${model.params[i]}: got ${p}, want ${want}`).toBeLessThan(
        0.1 * Math.abs(want) + 0.02,
      );
    });
    // ... and extrapolates to 2.5× the points it saw.
    expect(Math.abs(fit.evaluate(100) - f(100))).toBeLessThan(0.01 * (model.scale ?? 1));
  });

  it('has a Jacobian that agrees with central finite differences', () => {
    const p = truth[name];
    const jac = model.jacobian?.(p);
    expect(jac, 'analytic Jacobian').toBeDefined();
    for (const x of [1, 2.5, 7, 30]) {
      const analytic = jac?.(x) ?? [];
      p.forEach((v, i) => {
        const h = 1e-6 * Math.max(Math.abs(v), 1e-2);
        const up = p.map((w, j) => (j === i ? w + h : w));
        const down = p.map((w, j) => (j === i ? w - h : w));
        const numeric = (model.fn(up)(x) - model.fn(down)(x)) / (2 * h);
        expect(analytic[i], `d/d${model.params[i]} at x=${x}`).toBeCloseTo(numeric, 5);
      });
    }
  });

  it('has start values inside its bounds and matching lengths', () => {
    const k = model.params.length;
    for (const start of [model.initial, ...(model.starts ?? [])]) {
      expect(start).toHaveLength(k);
      start.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(model.lower[i] as number);
        expect(v).toBeLessThanOrEqual(model.upper[i] as number);
      });
    }
  });

  it('fits the same curve in percent and in fractions to the same prediction', () => {
    const { xs, ys } = noisyCurve(name, 20, 0.003, 11);
    const unit = model.scale ?? 1;
    const asFraction = ys.map((y) => y / unit);
    const a = fitCurve(model, xs, asFraction, { dataScale: 1 });
    const b = fitCurve(
      model,
      xs,
      asFraction.map((y) => 100 * y),
      { dataScale: 100 },
    );
    if (!a.ok || !b.ok) throw new Error('fit failed');
    expect(b.evaluate(50)).toBeCloseTo(100 * a.evaluate(50), 6);
  });
});

const oneShotNames = builtinModelNames.filter((name) => builtinModels[name].valueAndJacobian !== undefined);

describe.each(oneShotNames)('curve family %s in one pass', (name) => {
  const model = builtinModels[name];

  it('gives fn and jacobian to the bit (valueAndJacobian)', () => {
    const rng = createRng(3).fork(name);
    const partials = new Float64Array(model.params.length);
    const randomInside = () =>
      model.initial.map((v, i) => {
        const moved = v === 0 ? rng.next() - 0.5 : v * 10 ** (4 * rng.next() - 2);
        return Math.min(Math.max(moved, model.lower[i] as number), model.upper[i] as number);
      });
    // Typical parameters, random ones inside the bounds and huge exponents (saturated powers).
    const points = [truth[name], model.initial, ...Array.from({ length: 20 }, randomInside)];
    for (const p of points) {
      const both = model.valueAndJacobian?.(p);
      for (const x of [1, 2.5, 7, 30, 200, 1e4]) {
        const value = both?.(x, partials);
        expect(Object.is(value, model.fn(p)(x)), `value at ${p} x=${x}`).toBe(true);
        const want = model.jacobian?.(p)(x) ?? [];
        for (const [j, v] of want.entries())
          expect(Object.is(partials[j], v), `d/d${model.params[j]}`).toBe(true);
      }
    }
  });
});

describe('curve model values', () => {
  it('peng4nn does not overflow for huge exponents', () => {
    const f = builtinModels.peng4nn.fn([50, 1e6, 1e6]);
    expect(Number.isFinite(f(1))).toBe(true);
    const j = builtinModels.peng4nn.jacobian?.([50, 1e6, 1e6])(1) ?? [];
    expect(j.every(Number.isFinite)).toBe(true);
  });

  it('ilog2 is finite at x = 1 (it uses ln(x + 1))', () => {
    expect(builtinModels.ilog2.fn([0.8, 0.4])(1)).toBeCloseTo(0.8 - 0.4 / Math.log(2), 12);
  });
});
