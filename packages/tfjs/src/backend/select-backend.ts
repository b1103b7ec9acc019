import { PenguinError } from '@penguin-nas/core';
import * as tfjs from '@tensorflow/tfjs';
import { registerTrainingKernels } from '../kernels/index.js';
import { defaultLoader, loadNative, type ModuleLoader, type NativeChoice } from './native.js';
import { initWasm } from './wasm.js';

/** A backend the user may ask for; `auto` (the default) takes the fastest one that works. */
export type BackendChoice = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu' | 'auto';

export const BACKEND_CHOICES: readonly BackendChoice[] = [
  'auto',
  'tensorflow-gpu',
  'tensorflow',
  'wasm',
  'cpu',
];

export interface SelectBackendOptions {
  /** Force one backend; an unusable forced backend is an error, never a silent fallback. */
  backend?: BackendChoice;
  /** Register Penguin's training kernels (missing and faster gradients) on wasm and cpu. Default true. */
  trainingKernels?: boolean;
  /** How native packages are imported (a test seam; default: dynamic `import()`). */
  load?: ModuleLoader;
}

export interface SelectedBackend {
  /** The choice that won: `tensorflow-gpu`, `tensorflow`, `wasm` or `cpu`. */
  name: Exclude<BackendChoice, 'auto'>;
  /** The TensorFlow.js namespace to build and train with (for native backends, the one tfjs-node loaded). */
  tf: typeof tfjs;
  /** True for the native TensorFlow backends (GPU or multi-threaded CPU). */
  accelerated: boolean;
  /** What was tried and skipped, and why; what the chosen backend can and cannot do. */
  notes: string[];
}

const AUTO_ORDER = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

function unavailable(choice: BackendChoice, reason: string): PenguinError {
  return new PenguinError(
    'CONFIG_ERROR',
    `backend: '${choice}' was requested but cannot be used: ${reason}. ` +
      `Choose one of ${BACKEND_CHOICES.map((c) => `'${c}'`).join(', ')} ('auto' falls back to the fastest that works)`,
  );
}

async function tryOne(
  choice: Exclude<BackendChoice, 'auto'>,
  load: ModuleLoader,
): Promise<{ ok: true; backend: SelectedBackend } | { ok: false; reason: string }> {
  if (choice === 'tensorflow-gpu' || choice === 'tensorflow') {
    const result = await loadNative(choice satisfies NativeChoice, load);
    if (!result.ok) return result;
    return { ok: true, backend: { name: choice, tf: result.tf, accelerated: true, notes: [] } };
  }
  if (choice === 'wasm') {
    const result = await initWasm();
    if (!result.ok) return result;
    return { ok: true, backend: { name: 'wasm', tf: tfjs, accelerated: false, notes: result.notes } };
  }
  if (!(await tfjs.setBackend('cpu'))) return { ok: false, reason: 'the cpu backend failed to initialise' };
  return {
    ok: true,
    backend: {
      name: 'cpu',
      tf: tfjs,
      accelerated: false,
      notes: ['cpu: plain JavaScript, the slowest backend'],
    },
  };
}

/**
 * Picks and activates a TensorFlow.js backend: `tensorflow-gpu`, then `tensorflow`, then `wasm`, then
 * `cpu` unless one is forced. Broken native installs are skipped with the reason in `notes`. The backend
 * is process-global state (tfjs is a singleton): call this once per process or worker.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<SelectedBackend> {
  const choice = options.backend ?? 'auto';
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new PenguinError(
      'CONFIG_ERROR',
      `backend: expected one of ${BACKEND_CHOICES.map((c) => `'${c}'`).join(', ')}, got ${JSON.stringify(choice)}`,
    );
  }
  const load = options.load ?? defaultLoader;
  const candidates = choice === 'auto' ? AUTO_ORDER : [choice];
  const skipped: string[] = [];
  for (const candidate of candidates) {
    const result = await tryOne(candidate, load);
    if (!result.ok) {
      if (choice !== 'auto') throw unavailable(choice, result.reason);
      skipped.push(`skipped ${candidate}: ${result.reason}`);
      continue;
    }
    const selected = result.backend;
    selected.notes.unshift(...skipped);
    if (options.trainingKernels !== false && (candidate === 'wasm' || candidate === 'cpu')) {
      const registered = registerTrainingKernels(candidate);
      if (registered.length > 0)
        selected.notes.push(`${candidate}: training kernels ${registered.join(', ')}`);
    }
    return selected;
  }
  throw unavailable(choice, skipped.join('; '));
}
