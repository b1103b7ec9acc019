import type * as TF from '@tensorflow/tfjs';

/** How a module is imported; a seam so tests can stand in a broken or missing native package. */
export type ModuleLoader = (specifier: string) => Promise<unknown>;

/** Native TensorFlow backends, fastest first. `backendName` is what `tf.setBackend` calls them. */
export const NATIVE_PACKAGES = {
  'tensorflow-gpu': { specifier: '@tensorflow/tfjs-node-gpu', backendName: 'tensorflow' },
  tensorflow: { specifier: '@tensorflow/tfjs-node', backendName: 'tensorflow' },
} as const;

export type NativeChoice = keyof typeof NATIVE_PACKAGES;

export type NativeLoadResult = { ok: true; tf: typeof TF } | { ok: false; reason: string };

export const defaultLoader: ModuleLoader = (specifier) => import(specifier);

function isModuleNotFound(error: unknown, specifier: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    error.message.includes(`'${specifier}'`)
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/**
 * Imports a native tfjs-node package and proves it works: the binding loads, the `tensorflow` backend
 * initialises and computes 1 + 2. A package installed with `--ignore-scripts` (libtensorflow never
 * downloaded) fails at the import; the reason says so.
 */
export async function loadNative(
  choice: NativeChoice,
  load: ModuleLoader = defaultLoader,
): Promise<NativeLoadResult> {
  const { specifier, backendName } = NATIVE_PACKAGES[choice];
  let mod: unknown;
  try {
    mod = await load(specifier);
  } catch (error) {
    if (isModuleNotFound(error, specifier)) return { ok: false, reason: `${specifier} is not installed` };
    return {
      ok: false,
      reason:
        `${specifier} is installed but cannot load (${firstLine(error)}); ` +
        'it was probably installed with --ignore-scripts or without network access, so libtensorflow is missing: ' +
        `reinstall it with \`npm install ${specifier}@4.22.0\` on a machine that can download libtensorflow`,
    };
  }
  const tf = ((mod as { default?: unknown }).default ?? mod) as typeof TF;
  if (typeof tf?.setBackend !== 'function' || typeof tf.findBackend !== 'function') {
    return { ok: false, reason: `${specifier} loaded but does not export the TensorFlow.js API` };
  }
  try {
    if (!(await tf.setBackend(backendName))) {
      return { ok: false, reason: `${specifier} loaded but backend '${backendName}' failed to initialise` };
    }
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]);
    if (probe !== 3) return { ok: false, reason: `${specifier} computed 1 + 2 = ${probe}` };
  } catch (error) {
    return {
      ok: false,
      reason: `${specifier} loaded but backend '${backendName}' failed: ${firstLine(error)}`,
    };
  }
  return { ok: true, tf };
}
