import type * as tf from '@tensorflow/tfjs';
import type { TrainingKernel } from '../register.js';

interface RefCounting {
  incRef(dataId: object): void;
}

/**
 * Identity on `wasm` without a copy: the output shares the input's memory and the backend's reference
 * count keeps it alive until both are disposed (as the cpu backend and wasm's own Reshape do). Tensors
 * are immutable, so sharing is safe; a training step calls Identity dozens of times (gradient clones).
 * Strings keep the stock kernel.
 */
export const wasmIdentity: TrainingKernel = {
  kernelName: 'Identity',
  make: (original) => {
    if (original === undefined)
      throw new Error('Identity (Penguin kernel, wasm): the wasm backend has no Identity');
    return (args) => {
      const { x } = args.inputs as Record<'x', tf.TensorInfo>;
      if (x.dtype === 'string') return original.kernelFunc(args);
      (args.backend as unknown as RefCounting).incRef(x.dataId);
      return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    };
  },
};
