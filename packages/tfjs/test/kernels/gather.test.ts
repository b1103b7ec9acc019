import { describe, expect, it } from 'vitest';
import { runKernel, seededValues } from './compare.js';

// wasm's GatherV2 (model.fit cuts every batch with it) is replaced by row copies: identical values.
describe('GatherV2 on wasm equals the stock cpu kernel', () => {
  const x = { shape: [6, 3, 2, 2], values: seededValues(72, 5) };
  const cases = [
    { name: 'batch rows (axis 0), repeated indices', indices: [4, 0, 0, 5, 2], axis: 0 },
    { name: 'a middle axis', indices: [2, 1], axis: 1 },
    { name: 'the last axis, negative axis', indices: [1, 1, 0], axis: -1 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const call = {
        kernel: 'GatherV2',
        inputs: { x, indices: { shape: [c.indices.length], values: Int32Array.from(c.indices) } },
        attrs: { axis: c.axis, batchDims: 0 },
      };
      const reference = await runKernel('stock-cpu', call);
      expect(Array.from(await runKernel('penguin-wasm', call))).toEqual(Array.from(reference));
    });
  }

  it('int32 data and 2-d indices', async () => {
    const call = {
      kernel: 'GatherV2',
      inputs: {
        x: { shape: [5, 3], values: Int32Array.from({ length: 15 }, (_, i) => i * 7 - 20) },
        indices: { shape: [2, 2], values: Int32Array.from([3, 1, 4, 3]) },
      },
      attrs: { axis: 0, batchDims: 0 },
    };
    const got = await runKernel('penguin-wasm', call);
    expect(got).toBeInstanceOf(Int32Array);
    expect(Array.from(got)).toEqual(Array.from(await runKernel('stock-cpu', call)));
  });
});
