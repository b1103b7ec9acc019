import { type CurveModel, defineModel } from './types.js';

/**
 * `c − a / ln(x + 1)` (Domhan et al.), for scores in [0, 1]. Uses ln(x + 1), finite at x = 1 (NNI's ln x is
 * infinite there and never fits).
 */
export const ilog2: CurveModel = defineModel({
  name: 'ilog2',
  params: ['c', 'a'],
  initial: [0.78, 0.43],
  lower: [0, 0],
  upper: [2, 10],
  fn: ([c = 0, a = 0]) => {
    return (x) => c - a / Math.log(x + 1);
  },
  jacobian: () => {
    return (x) => [1, -1 / Math.log(x + 1)];
  },
});
