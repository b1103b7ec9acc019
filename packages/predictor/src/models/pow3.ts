import { type CurveModel, defineModel, safePow } from './types.js';

/** Power law `c − a·x^(−α)` (Domhan et al.), for scores in [0, 1]. */
export const pow3: CurveModel = defineModel({
  name: 'pow3',
  params: ['c', 'a', 'alpha'],
  initial: [0.84, 0.52, 0.01],
  lower: [0, 0, 0],
  upper: [2, 10, 5],
  starts: [
    [0.8, 0.5, 0.5],
    [0.7, 0.5, 1.5],
  ],
  fn: ([c = 0, a = 0, alpha = 0]) => {
    return (x) => c - a * safePow(x, -alpha);
  },
  jacobian: ([, a = 0, alpha = 0]) => {
    return (x) => {
      const power = safePow(x, -alpha);
      return [1, -power, a * power * Math.log(x)];
    };
  },
});
