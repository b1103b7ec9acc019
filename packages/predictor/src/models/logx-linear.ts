import { type CurveModel, defineModel } from './types.js';

/** `a·ln x + b`, for scores in [0, 1]; unbounded, so its long-range predictions need a plausible range. */
export const logxLinear: CurveModel = defineModel({
  name: 'logx_linear',
  params: ['a', 'b'],
  initial: [0.1, 0.5],
  lower: [0, -10],
  upper: [10, 10],
  fn: ([a = 0, b = 0]) => {
    return (x) => a * Math.log(x) + b;
  },
  jacobian: () => {
    return (x) => [Math.log(x), 1];
  },
});
