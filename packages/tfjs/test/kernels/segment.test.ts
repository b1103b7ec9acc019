import { describe, expect, it } from 'vitest';
import { maxAbsDiff, runKernel, seededValues } from './compare.js';

describe('UnsortedSegmentSum equals the stock cpu kernel', () => {
  it('sums rows into segments, dropping ids outside [0, numSegments)', async () => {
    const ids = Int32Array.from([2, 0, 2, 5, -1, 1, 0]);
    const call = {
      kernel: 'UnsortedSegmentSum',
      inputs: {
        x: { shape: [7, 3, 2], values: seededValues(42, 3) },
        segmentIds: { shape: [7], values: ids },
      },
      attrs: { numSegments: 4 },
    };
    const reference = await runKernel('stock-cpu', call);
    expect(reference.length).toBe(4 * 3 * 2);
    for (const engine of ['penguin-cpu', 'penguin-wasm'] as const) {
      expect(maxAbsDiff(await runKernel(engine, call), reference), engine).toBeLessThan(1e-6);
    }
  });

  it('reduces over every axis of a rank-2 segmentIds (the stock cpu kernel cannot; checked by hand)', async () => {
    const call = {
      kernel: 'UnsortedSegmentSum',
      inputs: {
        x: { shape: [2, 2, 2], values: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) },
        segmentIds: { shape: [2, 2], values: Int32Array.from([0, 1, 1, 1]) },
      },
      attrs: { numSegments: 3 },
    };
    // segment 0: row [1, 2]; segment 1: [3, 4] + [5, 6] + [7, 8]; segment 2: nothing
    for (const engine of ['penguin-cpu', 'penguin-wasm'] as const) {
      expect(Array.from(await runKernel(engine, call)), engine).toEqual([1, 2, 15, 18, 0, 0]);
    }
  });
});
