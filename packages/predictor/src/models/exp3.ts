import { type CurveModel, defineModel, safeExp } from './types.js';

/** Exponential `c − exp(−a·x + b)`, for scores in [0, 1]. */
export const exp3: CurveModel = defineModel({
  name: 'exp3',
  params: ['c', 'a', 'b'],
  initial: [0.8, 0.3, -0.4],
  lower: [0, 0, -50],
  upper: [2, 20, 20],
  starts: [
    [0.8, 0.05, -1],
    [0.9, 1, 0],
  ],
  fn: ([c = 0, a = 0, b = 0]) => {
    return (x) => c - safeExp(-a * x + b);
  },
  jacobian: ([, a = 0, b = 0]) => {
    return (x) => {
      const e = safeExp(-a * x + b);
      return [1, x * e, -e];
    };
  },
});
