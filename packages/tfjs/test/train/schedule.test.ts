import { describe, expect, it } from 'vitest';
import { learningRateAt } from '../../src/train/schedule.js';

describe('learningRateAt', () => {
  it('keeps a constant rate', () => {
    expect(learningRateAt({ type: 'constant' }, 0.1, 7.5, 10)).toBe(0.1);
  });

  it('follows half a cosine from the base rate to the minimum at maxEpochs', () => {
    const cosine = { type: 'cosine', minLearningRate: 0.01 } as const;
    expect(learningRateAt(cosine, 0.1, 0, 10)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(cosine, 0.1, 5, 10)).toBeCloseTo(0.055, 12);
    expect(learningRateAt(cosine, 0.1, 10, 10)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(cosine, 0.1, 12, 10)).toBeCloseTo(0.01, 12);
    expect(learningRateAt({ type: 'cosine' }, 0.2, 2.5, 10)).toBeCloseTo(
      0.1 * (1 + Math.cos(Math.PI / 4)),
      12,
    );
  });

  it('multiplies by gamma every `every` epochs, fractional epochs included', () => {
    const step = { type: 'step', every: 2, gamma: 0.5 } as const;
    expect([0, 1.5, 2, 3.99, 4, 6].map((e) => learningRateAt(step, 0.8, e, 10))).toEqual([
      0.8, 0.8, 0.4, 0.4, 0.2, 0.1,
    ]);
  });
});
