import type * as tf from '@tensorflow/tfjs';
import { cpuHost } from '../host.js';
import type { TrainingKernel } from '../register.js';

/**
 * Sum on `cpu` over every axis but the last (the bias gradient of every layer) in one contiguous pass;
 * the stock kernel transposes first (a quarter of a small CNN's step). Other reductions keep it.
 * (The stock BatchMatMul is already a blocked loop: Penguin's GEMM measured no faster, so it stays.)
 */

const where = (kernel: string) => `${kernel} (Penguin kernel, cpu)`;

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
