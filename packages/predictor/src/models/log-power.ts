import { type CurveModel, defineModel, safeExp } from './types.js';

/** Log-power `a / (1 + (x / e^b)^c)` (Domhan et al.), increasing for c < 0, for scores in [0, 1]. */
export const logPower: CurveModel = defineModel({
  name: 'log_power',
  params: ['a', 'b', 'c'],
  initial: [0.77, 2.98, -0.51],
  lower: [0, -20, -10],
  upper: [2, 20, 0],
  starts: [
    [0.8, 0, -1],
    [0.7, 1, -2],
  ],
  fn: ([a = 0, b = 0, c = 0]) => {
    return (x) => a / (1 + safeExp(c * (Math.log(x) - b)));
  },
  jacobian: ([a = 0, b = 0, c = 0]) => {
    return (x) => {
      const logRatio = Math.log(x) - b;
      const r = safeExp(c * logRatio); // (x / e^b)^c
      const d = 1 / (1 + r);
      const ar = a * r * d * d;
      return [d, ar * c, -ar * logRatio];
    };
  },
});
