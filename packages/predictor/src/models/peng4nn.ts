import { type CurveModel, clampFinite, defineModel, safeExp } from './types.js';

/** ln b of the rates tried by the data-driven starts (from slow to fast saturation). */
const GUESS_RATES = [0.05, 0.2, 0.6];

/**
 * PEng4NN / PENGUIN: `a − b^(c − x)` (a the asymptote, b ≥ 1 the rate, c a shift), written for percent
 * (`scale` 100) with the reference code's start `[10, 1.001, 100]` and bounds a ∈ [0.5, 200], b ≥ 1, c ≥ 0,
 * so a fit with one start reproduces the reference run. `b^(c − x)` is computed as `exp((c − x)·ln b)` with
 * the exponent clamped, so huge `c` cannot overflow to Infinity.
 */
export const peng4nn: CurveModel = defineModel({
  name: 'peng4nn',
  params: ['a', 'b', 'c'],
  scale: 100,
  initial: [10, 1.001, 100],
  lower: [0.5, 1, 0],
  upper: [200, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
  fn: ([a = 0, b = 1, c = 0]) => {
    const lnB = Math.log(b);
    return (x) => a - safeExp((c - x) * lnB);
  },
  jacobian: ([, b = 1, c = 0]) => {
    const lnB = Math.log(b);
    return (x) => {
      const power = safeExp((c - x) * lnB);
      // ∂/∂b b^(c−x) = (c − x)·b^(c−x−1) = (c − x)·b^(c−x) / b
      return [1, clampFinite(-((c - x) / b) * power), clampFinite(-lnB * power)];
    };
  },
  valueAndJacobian: ([a = 0, b = 1, c = 0]) => {
    const lnB = Math.log(b);
    return (x, partials) => {
      const power = safeExp((c - x) * lnB);
      partials[0] = 1;
      partials[1] = clampFinite(-((c - x) / b) * power);
      partials[2] = clampFinite(-lnB * power);
      return a - power;
    };
  },
  /**
   * `a − K·e^(−λx)` through the first point for a few rates λ, with the asymptote a little above the best
   * value seen: `b = e^λ`, `c = ln K / λ` (clamped at 0 when K < 1).
   */
  guess: (xs, ys) => {
    const x1 = xs[0];
    const y1 = ys[0];
    if (x1 === undefined || y1 === undefined) return [];
    const top = Math.max(...ys);
    const a = Math.min(200, Math.max(0.5, top + 0.1 * Math.max(top - Math.min(...ys), 1)));
    return GUESS_RATES.map((lambda) => {
      const k = Math.max(a - y1, 1e-6) * Math.exp(lambda * x1);
      return [a, Math.exp(lambda), Math.max(0, Math.log(k) / lambda)];
    });
  },
});
