import { type CurveModel, defineModel, safePow } from './types.js';

/** Hill `θ·x^η / (κ^η + x^η)` = `θ / (1 + (κ/x)^η)` (Domhan et al.), for scores in [0, 1]. */
export const hill3: CurveModel = defineModel({
  name: 'hill3',
  params: ['theta', 'eta', 'kappa'],
  initial: [0.772, 0.586, 2.461],
  lower: [0, 1e-3, 1e-6],
  upper: [2, 20, 1e4],
  starts: [
    [0.8, 1, 1],
    [0.9, 0.5, 0.2],
  ],
  fn: ([theta = 0, eta = 1, kappa = 1]) => {
    return (x) => theta / (1 + safePow(kappa / x, eta));
  },
  jacobian: ([theta = 0, eta = 1, kappa = 1]) => {
    return (x) => {
      const v = safePow(kappa / x, eta);
      const d = 1 / (1 + v);
      const g = theta * v * d * d;
      return [d, -g * Math.log(kappa / x), (-g * eta) / kappa];
    };
  },
});
