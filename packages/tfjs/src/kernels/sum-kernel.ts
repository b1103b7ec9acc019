import type * as tf from '@tensorflow/tfjs';
import type { KernelHost } from './host.js';
import type { TrainingKernel } from './register.js';

/**
 * Sum over every axis but the last (the bias gradient of every layer) in one contiguous pass, on `cpu`
 * or `wasm`: the stock kernels transpose first (a quarter of a small CNN's step on cpu). Other
 * reductions keep the stock kernel.
 */

function leadingAxes(axis: unknown, rank: number): boolean {
  const list = (Array.isArray(axis) ? axis : [axis]).map((v) =>
    typeof v === 'number' && v < 0 ? v + rank : v,
  );
  const sorted = [...new Set(list)].sort((p, q) => (p as number) - (q as number));
  return rank >= 2 && sorted.length === rank - 1 && sorted.every((v, i) => v === i);
}

export function sumLeadingAxesKernel(host: KernelHost): TrainingKernel {
  const where = `Sum (Penguin kernel, ${host.backendName})`;
  return {
    kernelName: 'Sum',
    make: (original) => (args) => {
      const { x } = args.inputs as Record<'x', tf.TensorInfo>;
      const { axis, keepDims = false } = args.attrs as { axis?: number | number[]; keepDims?: boolean };
      const rank = x.shape.length;
      if (x.dtype !== 'float32' || !leadingAxes(axis, rank)) {
        if (original === undefined) throw new Error(`${where}: no stock kernel for this case`);
        return original.kernelFunc(args);
      }
      const channels = x.shape[rank - 1] as number;
      const shape = keepDims ? [...Array(rank - 1).fill(1), channels] : [channels];
      const out = host.alloc(args.backend, shape, 'float32');
      const values = host.floats(args.backend, x, where);
      const sums = new Float64Array(channels);
      for (let offset = 0; offset < values.length; offset += channels) {
        for (let c = 0; c < channels; c++) sums[c] = (sums[c] as number) + (values[offset + c] as number);
      }
      host.floats(args.backend, out, where).set(sums);
      return out;
    },
  };
}
