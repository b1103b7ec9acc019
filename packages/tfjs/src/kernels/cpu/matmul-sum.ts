import type * as tf from '@tensorflow/tfjs';
import { cpuHost } from '../host.js';
import { gemmABt } from '../loops/gemm.js';
import { transpose2d } from '../loops/im2col.js';
import { scratch } from '../loops/scratch.js';
import type { TrainingKernel } from '../register.js';

/**
 * Dense-layer kernels for `cpu`: BatchMatMul through the blocked GEMM, and Sum over every axis but the
 * last (the bias gradient of every layer), which the stock kernel computes by transposing first.
 */

const where = (kernel: string) => `${kernel} (Penguin kernel, cpu)`;

export const cpuBatchMatMul: TrainingKernel = {
  kernelName: 'BatchMatMul',
  make: (original) => (args) => {
    const { a, b } = args.inputs as Record<'a' | 'b', tf.TensorInfo>;
    const { transposeA = false, transposeB = false } = args.attrs as {
      transposeA?: boolean;
      transposeB?: boolean;
    };
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length !== 3 || b.shape.length !== 3) {
      if (original === undefined)
        throw new Error(`${where('BatchMatMul')}: expected two float32 rank-3 tensors`);
      return original.kernelFunc(args);
    }
    const [batchA, a1, a2] = a.shape as [number, number, number];
    const [batchB, b1, b2] = b.shape as [number, number, number];
    const [rows, depth] = transposeA ? [a2, a1] : [a1, a2];
    const cols = transposeB ? b1 : b2;
    const batch = Math.max(batchA, batchB);
    const out = cpuHost.alloc(args.backend, [batch, rows, cols], 'float32');
    const left = cpuHost.floats(args.backend, a, where('BatchMatMul'));
    const right = cpuHost.floats(args.backend, b, where('BatchMatMul'));
    const result = cpuHost.floats(args.backend, out, where('BatchMatMul'));
    for (let i = 0; i < batch; i++) {
      const aPart = left.subarray(
        (batchA === 1 ? 0 : i) * rows * depth,
        ((batchA === 1 ? 0 : i) + 1) * rows * depth,
      );
      const bPart = right.subarray(
        (batchB === 1 ? 0 : i) * depth * cols,
        ((batchB === 1 ? 0 : i) + 1) * depth * cols,
      );
      let aRows = aPart;
      if (transposeA) {
        aRows = scratch(2, rows * depth);
        transpose2d(aPart, depth, rows, aRows);
      }
      let bRows = bPart;
      if (!transposeB) {
        bRows = scratch(3, cols * depth);
        transpose2d(bPart, depth, cols, bRows);
      }
      gemmABt(aRows, bRows, result.subarray(i * rows * cols, (i + 1) * rows * cols), rows, cols, depth);
    }
    return out;
  },
};

function leadingAxes(axis: unknown, rank: number): boolean {
  const list = (Array.isArray(axis) ? axis : [axis]).map((v) =>
    typeof v === 'number' && v < 0 ? v + rank : v,
  );
  const sorted = [...new Set(list)].sort((p, q) => (p as number) - (q as number));
  return rank >= 2 && sorted.length === rank - 1 && sorted.every((v, i) => v === i);
}

export const cpuSum: TrainingKernel = {
  kernelName: 'Sum',
  make: (original) => (args) => {
    const { x } = args.inputs as Record<'x', tf.TensorInfo>;
    const { axis, keepDims = false } = args.attrs as { axis?: number | number[]; keepDims?: boolean };
    const rank = x.shape.length;
    if (x.dtype !== 'float32' || !leadingAxes(axis, rank)) {
      if (original === undefined) throw new Error(`${where('Sum')}: no stock kernel for this case`);
      return original.kernelFunc(args);
    }
    const channels = x.shape[rank - 1] as number;
    const shape = keepDims ? [...Array(rank - 1).fill(1), channels] : [channels];
    const out = cpuHost.alloc(args.backend, shape, 'float32');
    const values = cpuHost.floats(args.backend, x, where('Sum'));
    const sums = new Float64Array(channels);
    for (let offset = 0; offset < values.length; offset += channels) {
      for (let c = 0; c < channels; c++) sums[c] = (sums[c] as number) + (values[offset + c] as number);
    }
    cpuHost.floats(args.backend, out, where('Sum')).set(sums);
    return out;
  },
};
