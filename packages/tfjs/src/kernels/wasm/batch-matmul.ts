import * as tf from '@tensorflow/tfjs';
import { wasmHost } from '../host.js';
import type { TrainingKernel } from '../register.js';

/**
 * BatchMatMul on `wasm` with `transposeA`/`transposeB`: the stock kernel takes a scalar path for them
 * (20× slower than the plain product for a dense layer's gradients). Transposing the operand first
 * with the backend's Transpose kernel and multiplying without flags keeps the product in XNNPACK.
 */

type Args = Parameters<tf.KernelFunc>[0];

function transposeLastTwo(args: Args, x: tf.TensorInfo): tf.TensorInfo {
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (transpose === undefined)
    throw new Error("BatchMatMul (Penguin kernel, wasm): needs the wasm kernel 'Transpose'");
  const rank = x.shape.length;
  const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
  return transpose.kernelFunc({ inputs: { x }, backend: args.backend, attrs: { perm } }) as tf.TensorInfo;
}

export const wasmBatchMatMul: TrainingKernel = {
  kernelName: 'BatchMatMul',
  make: (original) => {
    if (original === undefined)
      throw new Error('BatchMatMul (Penguin kernel, wasm): the wasm backend has no BatchMatMul');
    return (args) => {
      const { transposeA, transposeB } = args.attrs as { transposeA?: boolean; transposeB?: boolean };
      if (!transposeA && !transposeB) return original.kernelFunc(args);
      const { a, b } = args.inputs as Record<'a' | 'b', tf.TensorInfo>;
      const temporaries: tf.TensorInfo[] = [];
      const left = transposeA ? transposeLastTwo(args, a) : a;
      if (transposeA) temporaries.push(left);
      const right = transposeB ? transposeLastTwo(args, b) : b;
      if (transposeB) temporaries.push(right);
      const out = original.kernelFunc({
        ...args,
        inputs: { a: left, b: right },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
      for (const t of temporaries) wasmHost.dispose(args.backend, t);
      return out;
    };
  },
};
