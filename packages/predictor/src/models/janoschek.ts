import { type CurveModel, defineModel, safeExp, safePow } from './types.js';

/** Janoschek `α − (α − β)·exp(−κ·x^δ)` (Domhan et al.), for scores in [0, 1]. */
export const janoschek: CurveModel = defineModel({
  name: 'janoschek',
  params: ['alpha', 'beta', 'kappa', 'delta'],
  initial: [0.73, 0.07, 0.355, 0.46],
  lower: [0, -2, 1e-6, 0.05],
  upper: [2, 2, 100, 10],
  starts: [
    [0.8, 0.2, 0.3, 1],
    [0.8, 0, 0.05, 1.5],
  ],
  fn: ([alpha = 0, beta = 0, kappa = 0, delta = 1]) => {
    return (x) => alpha - (alpha - beta) * safeExp(-kappa * safePow(x, delta));
  },
  jacobian: ([alpha = 0, beta = 0, kappa = 0, delta = 1]) => {
    return (x) => {
      const xd = safePow(x, delta);
      const e = safeExp(-kappa * xd);
      const g = (alpha - beta) * e * xd;
      return [1 - e, e, g, g * kappa * Math.log(x)];
    };
  },
});
