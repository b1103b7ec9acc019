import { type CurveModel, defineModel, safeLog } from './types.js';

/** `ln(a·ln x + b)`, for scores in [0, 1]; unbounded, so its long-range predictions need a plausible range. */
export const loglogLinear: CurveModel = defineModel({
  name: 'loglog_linear',
  params: ['a', 'b'],
  initial: [0.2, 1.5],
  lower: [0, 1e-6],
  upper: [50, 50],
  fn: ([a = 0, b = 1]) => {
    return (x) => safeLog(a * Math.log(x) + b);
  },
  jacobian: ([a = 0, b = 1]) => {
    return (x) => {
      const lnX = Math.log(x);
      const inv = 1 / Math.max(a * lnX + b, 1e-300);
      return [lnX * inv, inv];
    };
  },
});
