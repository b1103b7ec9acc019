import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type KernelCall, maxAbsDiff, runKernel, scale, seededValues } from './compare.js';

// Pool gradients against stock cpu. Inputs hold many exact zeros (as after ReLU), so the max-pool
// tie rule (first maximum in row-major window order) is exercised, not just distinct values.
const TOLERANCE = 1e-6;

const geometry = fc.record({
  batch: fc.integer({ min: 1, max: 3 }),
  height: fc.integer({ min: 2, max: 9 }),
  width: fc.integer({ min: 2, max: 9 }),
  channels: fc.integer({ min: 1, max: 5 }),
  size: fc.integer({ min: 1, max: 3 }),
  stride: fc.integer({ min: 1, max: 3 }),
  pad: fc.constantFrom('same' as const, 'valid' as const),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

type Geometry = typeof geometry extends fc.Arbitrary<infer G> ? G : never;

function call(kernel: 'MaxPoolGrad' | 'AvgPoolGrad', g: Geometry): KernelCall {
  const x: [number, number, number, number] = [g.batch, g.height, g.width, g.channels];
  const info = tf.backend_util.computePool2DInfo(x, g.size, g.stride, 1, g.pad);
  const count = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  const input = seededValues(count(x), g.seed, 0.5).map((v) => Math.max(0, v));
  const inputs: KernelCall['inputs'] = {
    dy: { shape: [...info.outShape], values: seededValues(count(info.outShape), g.seed + 1) },
    input: { shape: x, values: input },
  };
  if (kernel === 'MaxPoolGrad') {
    // the kernel takes the forward output too (unused by the stock cpu kernel beyond its shape)
    inputs.output = { shape: [...info.outShape], values: new Float32Array(count(info.outShape)) };
  }
  return { kernel, inputs, attrs: { filterSize: g.size, strides: g.stride, pad: g.pad } };
}

async function expectSame(kernel: 'MaxPoolGrad' | 'AvgPoolGrad', g: Geometry, engines: readonly string[]) {
  const c = call(kernel, g);
  const reference = await runKernel('stock-cpu', c);
  for (const engine of engines as ('penguin-cpu' | 'penguin-wasm')[]) {
    const got = await runKernel(engine, c);
    expect(maxAbsDiff(got, reference), `${kernel} on ${engine}`).toBeLessThanOrEqual(
      TOLERANCE * scale(reference),
    );
  }
}

describe('pool gradient kernels equal the stock cpu kernels', () => {
  it('MaxPoolGrad, ties included (cpu and wasm)', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, (g) => expectSame('MaxPoolGrad', g, ['penguin-cpu', 'penguin-wasm'])),
      { numRuns: 20, seed: 8 },
    );
  });

  it('AvgPoolGrad (cpu)', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, (g) => expectSame('AvgPoolGrad', g, ['penguin-cpu'])),
      { numRuns: 20, seed: 9 },
    );
  });

  it('MaxPoolGrad 2×2 (the unrolled path) with ties and NaN, like the stock kernel', async () => {
    // window 1: a tie (first 0 wins); window 2: NaN first; window 3: all NaN (no position); window 4: plain
    const input = Float32Array.from([
      0,
      0,
      Number.NaN,
      1,
      Number.NaN,
      Number.NaN,
      2,
      3,
      0,
      0,
      5,
      4,
      Number.NaN,
      Number.NaN,
      7,
      6,
    ]);
    const x = [1, 4, 4, 1];
    const reorder = [0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15]; // windows laid out row-major
    const values = new Float32Array(16);
    reorder.forEach((from, to) => {
      values[to] = input[from] as number;
    });
    const call: KernelCall = {
      kernel: 'MaxPoolGrad',
      inputs: {
        dy: { shape: [1, 2, 2, 1], values: Float32Array.from([10, 20, 30, 40]) },
        input: { shape: x, values },
        output: { shape: [1, 2, 2, 1], values: new Float32Array(4) },
      },
      attrs: { filterSize: 2, strides: 2, pad: 'valid' },
    };
    const reference = await runKernel('stock-cpu', call);
    for (const engine of ['penguin-cpu', 'penguin-wasm'] as const) {
      expect(Array.from(await runKernel(engine, call)), engine).toEqual(Array.from(reference));
    }
  });
});
