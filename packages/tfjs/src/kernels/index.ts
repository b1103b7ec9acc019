import * as tf from '@tensorflow/tfjs';
import { CPU_TRAINING_KERNELS } from './cpu/index.js';
import { installKernels, isPenguinKernel, type TrainingKernel, uninstallKernels } from './register.js';
import { WASM_TRAINING_KERNELS } from './wasm/index.js';

export type TrainingKernelBackend = 'cpu' | 'wasm';

const KERNELS: Record<TrainingKernelBackend, readonly TrainingKernel[]> = {
  cpu: CPU_TRAINING_KERNELS,
  wasm: WASM_TRAINING_KERNELS,
};

function kernelsFor(backendName: string): readonly TrainingKernel[] {
  if (backendName === 'cpu' || backendName === 'wasm') return KERNELS[backendName];
  throw new Error(
    `registerTrainingKernels: expected backend 'cpu' or 'wasm', got ${JSON.stringify(backendName)}`,
  );
}

/**
 * Registers Penguin's training kernels for `cpu` or `wasm` (missing gradients, faster loops). Idempotent;
 * the backend must be registered (its package imported), initialised or not. Returns the kernel names
 * Penguin now provides.
 */
export function registerTrainingKernels(backendName: TrainingKernelBackend): string[] {
  const kernels = kernelsFor(backendName);
  if (tf.findBackendFactory(backendName) === null) {
    // replacing kernels of a backend whose own kernels are not registered yet would lose them later
    throw new Error(
      `registerTrainingKernels('${backendName}'): the ${backendName} backend is not registered yet; ` +
        `call selectBackend({ backend: '${backendName}' }) (or import its package) first`,
    );
  }
  installKernels(backendName, kernels);
  return kernels.map((k) => k.kernelName);
}

/** Restores the stock kernels of `cpu` or `wasm` (for comparisons and benchmarks). */
export function unregisterTrainingKernels(backendName: TrainingKernelBackend): void {
  kernelsFor(backendName);
  uninstallKernels(backendName);
}

/** Kernel names Penguin has installed on a backend right now. */
export function installedTrainingKernels(backendName: TrainingKernelBackend): string[] {
  return kernelsFor(backendName)
    .map((k) => k.kernelName)
    .filter((name) => isPenguinKernel(name, backendName));
}

export { CPU_TRAINING_KERNELS } from './cpu/index.js';
export type { TrainingKernel } from './register.js';
export { WASM_TRAINING_KERNELS } from './wasm/index.js';
