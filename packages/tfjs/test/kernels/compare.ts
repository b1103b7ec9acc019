import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/backend/index.js';
import { registerTrainingKernels, unregisterTrainingKernels } from '../../src/kernels/index.js';

/** Test helpers: run one kernel call on stock cpu, Penguin's cpu and Penguin's wasm, and compare. */

export type Engine = 'stock-cpu' | 'penguin-cpu' | 'penguin-wasm';

/** Deterministic values in [-1, 1) (mulberry32), some of them exactly 0 like post-ReLU activations. */
export function seededValues(count: number, seed: number, zeroFraction = 0): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = u < zeroFraction ? 0 : u * 2 - 1;
  }
  return out;
}

export async function useEngine(engine: Engine): Promise<void> {
  if (engine === 'penguin-wasm') {
    await selectBackend({ backend: 'wasm' });
    return;
  }
  await selectBackend({ backend: 'cpu', trainingKernels: false });
  if (engine === 'stock-cpu') unregisterTrainingKernels('cpu');
  else registerTrainingKernels('cpu');
}

export interface KernelCall {
  kernel: string;
  inputs: Record<string, { shape: number[]; values: Float32Array | Int32Array }>;
  attrs: Record<string, unknown>;
}

/** Runs `call` on an engine and returns its output values. No tensor outlives the call. */
export async function runKernel(engine: Engine, call: KernelCall): Promise<Float32Array | Int32Array> {
  await useEngine(engine);
  const before = tf.memory().numTensors;
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, input] of Object.entries(call.inputs)) {
    tensors[name] = tf.tensor(
      input.values,
      input.shape,
      input.values instanceof Int32Array ? 'int32' : 'float32',
    );
  }
  const out = tf.engine().runKernel(call.kernel, tensors as tf.NamedTensorMap, call.attrs as tf.NamedAttrMap);
  const result = (Array.isArray(out) ? out[0] : out) as tf.Tensor;
  const values = (await result.data()) as Float32Array | Int32Array;
  tf.dispose([result, ...Object.values(tensors)]);
  if (tf.memory().numTensors !== before) throw new Error(`${call.kernel} on ${engine} leaked tensors`);
  return values;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

/** Largest magnitude of the reference, so tolerances scale with the sum lengths. */
export function scale(a: ArrayLike<number>): number {
  let m = 1;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}
