import { type CurveModel, defineModel, safeExp, safePow } from './types.js';

/** Weibull `α − (α − β)·exp(−(κ·x)^δ)` (Domhan et al.), for scores in [0, 1]. */
export const weibull: CurveModel = defineModel({
  name: 'weibull',
  params: ['alpha', 'beta', 'kappa', 'delta'],
  initial: [0.7, 0.1, 0.01, 1],
  lower: [0, -2, 1e-6, 0.05],
  upper: [2, 2, 100, 10],
  starts: [
    [0.8, 0.2, 0.3, 1],
    [0.8, 0, 0.1, 0.5],
  ],
  fn: ([alpha = 0, beta = 0, kappa = 1, delta = 1]) => {
    return (x) => alpha - (alpha - beta) * safeExp(-safePow(kappa * x, delta));
  },
  jacobian: ([alpha = 0, beta = 0, kappa = 1, delta = 1]) => {
    return (x) => {
      const u = safePow(kappa * x, delta);
      const e = safeExp(-u);
      const g = (alpha - beta) * e * u;
      return [1 - e, e, (g * delta) / kappa, g * Math.log(kappa * x)];
    };
  },
});
