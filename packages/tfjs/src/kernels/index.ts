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
 * works before or after the backend is initialised. Returns the kernel names Penguin now provides.
 */
export function registerTrainingKernels(backendName: TrainingKernelBackend): string[] {
  const kernels = kernelsFor(backendName);
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
