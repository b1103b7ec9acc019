import { describe, expect, it } from 'vitest';
import { maxAbsDiff, runKernel, scale, seededValues } from './compare.js';

// Sum over all axes but the last (bias gradients) runs as one contiguous pass on cpu and wasm; other
// reductions keep the stock kernels. All must give the stock cpu kernel's numbers.
describe('Sum on cpu and wasm equals the stock cpu kernel', () => {
  const x = { shape: [5, 4, 3, 6], values: seededValues(360, 17) };
  const cases: { axis: number | number[]; keepDims: boolean }[] = [
    { axis: [0, 1, 2], keepDims: false },
    { axis: [2, 0, 1], keepDims: true },
    { axis: [-4, -3, -2], keepDims: false },
    { axis: [0, 1], keepDims: false },
    { axis: 3, keepDims: true },
  ];
  for (const c of cases) {
    it(`axis ${JSON.stringify(c.axis)}, keepDims ${c.keepDims}`, async () => {
      const call = { kernel: 'Sum', inputs: { x }, attrs: c };
      const reference = await runKernel('stock-cpu', call);
      for (const engine of ['penguin-cpu', 'penguin-wasm'] as const) {
        const got = await runKernel(engine, call);
        expect(got.length, engine).toBe(reference.length);
        expect(maxAbsDiff(got, reference), engine).toBeLessThanOrEqual(1e-6 * scale(reference));
      }
    });
  }

  it('a rank-2 bias gradient', async () => {
    const call = {
      kernel: 'Sum',
      inputs: { x: { shape: [64, 10], values: seededValues(640, 3) } },
      attrs: { axis: 0 },
    };
    expect(maxAbsDiff(await runKernel('penguin-cpu', call), await runKernel('stock-cpu', call))).toBeLessThan(
      1e-5,
    );
  });
});
