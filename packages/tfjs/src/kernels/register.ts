import * as tf from '@tensorflow/tfjs';

/** A kernel Penguin supplies: built from the kernel it replaces (if any), so it can fall back to it. */
export interface TrainingKernel {
  kernelName: string;
  /** `original` is the kernel registered before (absent when the backend lacks it). */
  make(original: tf.KernelConfig | undefined): tf.KernelFunc;
}

const PENGUIN_KERNEL = Symbol.for('@penguin-nas/tfjs.kernel');

type TaggedKernelFunc = tf.KernelFunc & { [PENGUIN_KERNEL]?: true };

/** Kernels replaced by Penguin, keyed `backend/kernel`, so they can be put back. `null`: there was none. */
const originals = new Map<string, tf.KernelConfig | null>();

export function isPenguinKernel(kernelName: string, backendName: string): boolean {
  const current = tf.getKernel(kernelName, backendName);
  return current !== undefined && (current.kernelFunc as TaggedKernelFunc)[PENGUIN_KERNEL] === true;
}

/**
 * Installs kernels for a backend. Idempotent: a kernel already installed by Penguin is left alone. A
 * replaced kernel keeps its `setupFunc`/`disposeFunc`, so the backend still initialises what the
 * original needs (Penguin's kernels may fall back to it).
 */
export function installKernels(backendName: string, kernels: readonly TrainingKernel[]): void {
  for (const kernel of kernels) {
    if (isPenguinKernel(kernel.kernelName, backendName)) continue;
    const original = tf.getKernel(kernel.kernelName, backendName);
    const kernelFunc = kernel.make(original) as TaggedKernelFunc;
    kernelFunc[PENGUIN_KERNEL] = true;
    originals.set(`${backendName}/${kernel.kernelName}`, original ?? null);
    if (original !== undefined) tf.unregisterKernel(kernel.kernelName, backendName);
    tf.registerKernel({
      kernelName: kernel.kernelName,
      backendName,
      kernelFunc,
      ...(original?.setupFunc ? { setupFunc: original.setupFunc } : {}),
      ...(original?.disposeFunc ? { disposeFunc: original.disposeFunc } : {}),
    });
  }
}

/** Puts back the kernels Penguin replaced on a backend and removes the ones it added. */
export function uninstallKernels(backendName: string): void {
  for (const [key, original] of originals) {
    const [backend, kernelName] = key.split('/') as [string, string];
    if (backend !== backendName) continue;
    if (isPenguinKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
    if (original !== null) tf.registerKernel(original);
    originals.delete(key);
  }
}
