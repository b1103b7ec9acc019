import { type CurveModel, defineModel, safeExp } from './types.js';

/** Vapour pressure `exp(a + b/x + c·ln x)` (Domhan et al.), for scores in [0, 1]. */
export const vap: CurveModel = defineModel({
  name: 'vap',
  params: ['a', 'b', 'c'],
  initial: [-0.622, -0.47, 0.0423],
  lower: [-20, -20, -2],
  upper: [5, 20, 2],
  starts: [
    [-0.2, -1, 0],
    [-0.5, -0.2, 0.1],
  ],
  fn: ([a = 0, b = 0, c = 0]) => {
    return (x) => safeExp(a + b / x + c * Math.log(x));
  },
  jacobian: ([a = 0, b = 0, c = 0]) => {
    return (x) => {
      const lnX = Math.log(x);
      const f = safeExp(a + b / x + c * lnX);
      return [f, f / x, f * lnX];
    };
  },
});
