import { type CurveModel, defineModel, safePow } from './types.js';

/** Morgan-Mercer-Flodin `α − (α − β) / (1 + (κ·x)^δ)` (Domhan et al.), for scores in [0, 1]. */
export const mmf: CurveModel = defineModel({
  name: 'mmf',
  params: ['alpha', 'beta', 'kappa', 'delta'],
  initial: [0.7, 0.1, 0.01, 5],
  lower: [0, -2, 1e-6, 0.05],
  upper: [2, 2, 100, 10],
  starts: [
    [0.8, 0.2, 0.3, 1],
    [0.8, 0, 0.1, 0.5],
  ],
  fn: ([alpha = 0, beta = 0, kappa = 1, delta = 1]) => {
    return (x) => alpha - (alpha - beta) / (1 + safePow(kappa * x, delta));
  },
  jacobian: ([alpha = 0, beta = 0, kappa = 1, delta = 1]) => {
    return (x) => {
      const u = safePow(kappa * x, delta);
      const d = 1 / (1 + u);
      const g = (alpha - beta) * d * d * u;
      return [1 - d, d, (g * delta) / kappa, g * Math.log(kappa * x)];
    };
  },
});
