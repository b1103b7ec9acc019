import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Engine, type KernelCall, maxAbsDiff, runKernel, scale, seededValues } from './compare.js';

// Each Penguin kernel against the stock cpu kernel on random geometries: gradients equal within 1e-5
// relative to the largest value (float32 sums of a few hundred terms in a different order).
const TOLERANCE = 1e-5;
const RUNS = 12;

const geometry = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    height: fc.integer({ min: 1, max: 9 }),
    width: fc.integer({ min: 1, max: 9 }),
    inChannels: fc.integer({ min: 1, max: 4 }),
    outChannels: fc.integer({ min: 1, max: 5 }),
    kernelHeight: fc.integer({ min: 1, max: 4 }),
    kernelWidth: fc.integer({ min: 1, max: 4 }),
    stride: fc.integer({ min: 1, max: 3 }),
    pad: fc.constantFrom('same' as const, 'valid' as const),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .filter((g) => g.pad === 'same' || (g.height >= g.kernelHeight && g.width >= g.kernelWidth));

type Geometry = typeof geometry extends fc.Arbitrary<infer G> ? G : never;

function shapes(g: Geometry) {
  const x = [g.batch, g.height, g.width, g.inChannels];
  const filter = [g.kernelHeight, g.kernelWidth, g.inChannels, g.outChannels];
  const info = tf.backend_util.computeConv2DInfo(
    x as [number, number, number, number],
    filter as [number, number, number, number],
    g.stride,
    1,
    g.pad,
  );
  return { x, filter, dy: [...info.outShape] };
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

async function expectSameOnAllEngines(call: KernelCall, engines: Engine[]): Promise<void> {
  const reference = await runKernel('stock-cpu', call);
  for (const engine of engines) {
    const got = await runKernel(engine, call);
    expect(got.length, `${call.kernel} on ${engine}`).toBe(reference.length);
    expect(maxAbsDiff(got, reference), `${call.kernel} on ${engine}`).toBeLessThanOrEqual(
      TOLERANCE * scale(reference),
    );
  }
}

describe('Conv2D gradient kernels equal the stock cpu kernels', () => {
  it('Conv2DBackpropFilter (cpu im2col + GEMM, wasm via XNNPACK)', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, async (g) => {
        const s = shapes(g);
        await expectSameOnAllEngines(
          {
            kernel: 'Conv2DBackpropFilter',
            inputs: {
              x: { shape: s.x, values: seededValues(size(s.x), g.seed, 0.3) },
              dy: { shape: s.dy, values: seededValues(size(s.dy), g.seed + 1) },
            },
            attrs: { strides: g.stride, pad: g.pad, dataFormat: 'NHWC', filterShape: s.filter },
          },
          ['penguin-cpu', 'penguin-wasm'],
        );
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });

  it('Conv2DBackpropInput (cpu im2col + GEMM, wasm flipped-filter convolution or its own kernel)', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, async (g) => {
        const s = shapes(g);
        await expectSameOnAllEngines(
          {
            kernel: 'Conv2DBackpropInput',
            inputs: {
              dy: { shape: s.dy, values: seededValues(size(s.dy), g.seed) },
              filter: { shape: s.filter, values: seededValues(size(s.filter), g.seed + 1) },
            },
            attrs: { strides: g.stride, pad: g.pad, dataFormat: 'NHWC', inputShape: s.x },
          },
          ['penguin-cpu', 'penguin-wasm'],
        );
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });

  it('Conv2D forward on cpu, with dilations', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, fc.integer({ min: 1, max: 2 }), async (g, dilation) => {
        const s = shapes({ ...g, stride: dilation > 1 ? 1 : g.stride });
        await expectSameOnAllEngines(
          {
            kernel: 'Conv2D',
            inputs: {
              x: { shape: s.x, values: seededValues(size(s.x), g.seed, 0.3) },
              filter: { shape: s.filter, values: seededValues(size(s.filter), g.seed + 1) },
            },
            attrs: {
              strides: dilation > 1 ? 1 : g.stride,
              pad: 'same',
              dataFormat: 'NHWC',
              dilations: dilation,
            },
          },
          ['penguin-cpu'],
        );
      }),
      { numRuns: RUNS, seed: 3 },
    );
  });

  it('a stride-2 valid case whose last rows no window reaches (wasm crops instead of padding)', async () => {
    const x = [2, 10, 11, 3];
    const call: KernelCall = {
      kernel: 'Conv2DBackpropFilter',
      inputs: {
        x: { shape: x, values: seededValues(size(x), 11) },
        dy: { shape: [2, 4, 5, 5], values: seededValues(2 * 4 * 5 * 5, 12) },
      },
      attrs: { strides: 2, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 2, 3, 5] },
    };
    await expectSameOnAllEngines(call, ['penguin-cpu', 'penguin-wasm']);
  });

  it('both wasm filter-gradient forms: few taps (patch-matrix product) and many (convolution)', async () => {
    for (const [x, filter, dy, stride] of [
      [[4, 12, 12, 1], [3, 3, 1, 8], [4, 12, 12, 8], 1], // 9 taps: product
      [[2, 11, 11, 3], [3, 3, 3, 4], [2, 6, 6, 4], 2], // 27 taps: product
      [[2, 9, 9, 6], [3, 3, 6, 5], [2, 9, 9, 5], 1], // 54 taps: convolution
    ] as const) {
      await expectSameOnAllEngines(
        {
          kernel: 'Conv2DBackpropFilter',
          inputs: {
            x: { shape: [...x], values: seededValues(size([...x]), 31, 0.4) },
            dy: { shape: [...dy], values: seededValues(size([...dy]), 32) },
          },
          attrs: { strides: stride, pad: 'same', dataFormat: 'NHWC', filterShape: [...filter] },
        },
        ['penguin-wasm'],
      );
    }
  });

  it('a Penguin kernel given a non-float tensor says which kernel, what it expected and what it got', async () => {
    const call: KernelCall = {
      kernel: 'Conv2DBackpropFilter',
      inputs: {
        x: { shape: [1, 3, 3, 1], values: new Int32Array(9) },
        dy: { shape: [1, 3, 3, 2], values: new Float32Array(18) },
      },
      attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 2] },
    };
    await expect(runKernel('penguin-cpu', call)).rejects.toThrow(
      'Conv2DBackpropFilter (Penguin kernel, cpu): expected a float32 tensor, got a int32 tensor of shape [1,3,3,1]',
    );
  });
});
