import { type CurveModel, defineModel, safeExp, safePow } from './types.js';

/** Stretched exponential `c − exp(−a·x^α + b)` (Domhan et al.), for scores in [0, 1]. */
export const exp4: CurveModel = defineModel({
  name: 'exp4',
  params: ['c', 'a', 'b', 'alpha'],
  initial: [0.7, 0.8, -0.8, 0.3],
  lower: [0, 0, -50, 0.01],
  upper: [2, 20, 20, 5],
  starts: [
    [0.8, 0.3, -0.4, 1],
    [0.8, 1, 0, 0.5],
  ],
  fn: ([c = 0, a = 0, b = 0, alpha = 1]) => {
    return (x) => c - safeExp(-a * safePow(x, alpha) + b);
  },
  jacobian: ([, a = 0, b = 0, alpha = 1]) => {
    return (x) => {
      const xa = safePow(x, alpha);
      const e = safeExp(-a * xa + b);
      return [1, xa * e, -e, a * xa * Math.log(x) * e];
    };
  },
});
