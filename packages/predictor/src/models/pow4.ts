import { type CurveModel, defineModel, safePow } from './types.js';

/** Power law with an offset `c − (a·x + b)^(−α)` (Domhan et al.), for scores in [0, 1]; a·x + b > 0. */
export const pow4: CurveModel = defineModel({
  name: 'pow4',
  params: ['c', 'a', 'b', 'alpha'],
  initial: [0.8, 200, 0, 0.1],
  lower: [0, 1e-6, 0, 1e-6],
  upper: [2, 1e6, 1e6, 5],
  starts: [
    [0.8, 1, 1, 0.5],
    [0.8, 5, 0, 1],
  ],
  fn: ([c = 0, a = 1, b = 0, alpha = 0]) => {
    return (x) => c - safePow(a * x + b, -alpha);
  },
  jacobian: ([, a = 1, b = 0, alpha = 0]) => {
    return (x) => {
      const u = a * x + b;
      const power = safePow(u, -alpha);
      const inner = (alpha * power) / u; // α·u^(−α−1)
      return [1, inner * x, inner, power * Math.log(u)];
    };
  },
});
