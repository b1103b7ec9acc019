import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Engine, type KernelCall, maxAbsDiff, runKernel, scale, seededValues } from './compare.js';

// The depthwise gradient kernels (missing on wasm) against stock cpu. The stock cpu gradient kernels
// ignore dilations, so dilated cases are checked by the adjoint identity against the stock forward
// kernel instead: <dW, V> = <dy, conv(x, V)> and <dx, U> = <dy, conv(U, W)> for any V, U.
const TOLERANCE = 1e-5;

const geometry = fc.record({
  batch: fc.integer({ min: 1, max: 3 }),
  height: fc.integer({ min: 3, max: 9 }),
  width: fc.integer({ min: 3, max: 9 }),
  channels: fc.integer({ min: 1, max: 4 }),
  multiplier: fc.integer({ min: 1, max: 3 }),
  kernel: fc.integer({ min: 1, max: 3 }),
  // tfjs allows strides > 1 or dilations > 1, not both
  stepping: fc.constantFrom(
    { strides: 1, dilations: 1 },
    { strides: 2, dilations: 1 },
    { strides: 3, dilations: 1 },
  ),
  pad: fc.constantFrom('same' as const, 'valid' as const),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

type Geometry = typeof geometry extends fc.Arbitrary<infer G> ? G : never;

function shapes(g: Geometry) {
  const x: [number, number, number, number] = [g.batch, g.height, g.width, g.channels];
  const filter: [number, number, number, number] = [g.kernel, g.kernel, g.channels, g.multiplier];
  const info = tf.backend_util.computeConv2DInfo(
    x,
    filter,
    g.stepping.strides,
    g.stepping.dilations,
    g.pad,
    undefined,
    true,
  );
  return { x, filter, dy: [...info.outShape] };
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

async function expectSame(call: KernelCall): Promise<void> {
  const reference = await runKernel('stock-cpu', call);
  for (const engine of ['penguin-cpu', 'penguin-wasm'] as const) {
    const got = await runKernel(engine, call);
    expect(maxAbsDiff(got, reference), `${call.kernel} on ${engine}`).toBeLessThanOrEqual(
      TOLERANCE * scale(reference),
    );
  }
}

describe('depthwise gradient kernels equal the stock cpu kernels', () => {
  it('DepthwiseConv2dNativeBackpropFilter', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, async (g) => {
        const s = shapes(g);
        await expectSame({
          kernel: 'DepthwiseConv2dNativeBackpropFilter',
          inputs: {
            x: { shape: [...s.x], values: seededValues(size(s.x), g.seed, 0.3) },
            dy: { shape: s.dy, values: seededValues(size(s.dy), g.seed + 1) },
          },
          attrs: { ...g.stepping, pad: g.pad, filterShape: s.filter },
        });
      }),
      { numRuns: 12, seed: 5 },
    );
  });

  it('DepthwiseConv2dNativeBackpropInput', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, async (g) => {
        const s = shapes(g);
        await expectSame({
          kernel: 'DepthwiseConv2dNativeBackpropInput',
          inputs: {
            dy: { shape: s.dy, values: seededValues(size(s.dy), g.seed) },
            filter: { shape: [...s.filter], values: seededValues(size(s.filter), g.seed + 1) },
          },
          attrs: { ...g.stepping, pad: g.pad, inputShape: s.x },
        });
      }),
      { numRuns: 12, seed: 6 },
    );
  });

  it('both kernels with dilations satisfy the adjoint identity with the stock forward kernel', async () => {
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      let sum = 0;
      for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
      return sum;
    };
    for (const [seed, pad] of [
      [21, 'same'],
      [22, 'valid'],
    ] as const) {
      const x: [number, number, number, number] = [2, 8, 7, 3];
      const filter: [number, number, number, number] = [3, 2, 3, 2];
      const attrs = { strides: 1, dilations: 2, pad };
      const info = tf.backend_util.computeConv2DInfo(x, filter, 1, 2, pad, undefined, true);
      const dyShape = [...info.outShape];
      const xv = seededValues(size(x), seed);
      const wv = seededValues(size(filter), seed + 1);
      const dyv = seededValues(size(dyShape), seed + 2);
      const forward = (input: Float32Array, weights: Float32Array) =>
        runKernel('stock-cpu', {
          kernel: 'DepthwiseConv2dNative',
          inputs: { x: { shape: x, values: input }, filter: { shape: filter, values: weights } },
          attrs,
        });
      for (const engine of ['penguin-cpu', 'penguin-wasm'] as Engine[]) {
        const dw = await runKernel(engine, {
          kernel: 'DepthwiseConv2dNativeBackpropFilter',
          inputs: { x: { shape: x, values: xv }, dy: { shape: dyShape, values: dyv } },
          attrs: { ...attrs, filterShape: filter },
        });
        const dx = await runKernel(engine, {
          kernel: 'DepthwiseConv2dNativeBackpropInput',
          inputs: { dy: { shape: dyShape, values: dyv }, filter: { shape: filter, values: wv } },
          attrs: { ...attrs, inputShape: x },
        });
        const v = seededValues(size(filter), seed + 3);
        const u = seededValues(size(x), seed + 4);
        const viaFilter = dot(dyv, await forward(xv, v));
        const viaInput = dot(dyv, await forward(u, wv));
        expect(Math.abs(dot(dw, v) - viaFilter), `filter gradient on ${engine}`).toBeLessThan(
          1e-4 * Math.max(1, Math.abs(viaFilter)),
        );
        expect(Math.abs(dot(dx, u) - viaInput), `input gradient on ${engine}`).toBeLessThan(
          1e-4 * Math.max(1, Math.abs(viaInput)),
        );
      }
    }
  });
});
