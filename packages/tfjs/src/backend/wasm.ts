import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';

let pathsSet = false;

/**
 * Directory holding `tfjs-backend-wasm{,-simd,-threaded-simd}.wasm` inside node_modules. Node has no
 * `fetch` of relative URLs, so the binaries are located through the resolver rather than a page URL.
 */
export function wasmBinaryDirectory(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`;
}

/**
 * Initialises the `wasm` backend in Node: imports `@tensorflow/tfjs-backend-wasm` (only now, so that
 * importing Penguin does not register a backend that outranks `cpu`), points it at the binaries in
 * node_modules (once: tfjs refuses a second `setWasmPaths` after init) and reports which features the
 * binary uses. Threads stay off: the threaded build spawns Emscripten workers from `blob:` URLs, which
 * Node's `worker_threads` rejects.
 */
export async function initWasm(): Promise<{ ok: true; notes: string[] } | { ok: false; reason: string }> {
  try {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    if (!pathsSet && tf.findBackend('wasm') === null) {
      setWasmPaths(wasmBinaryDirectory());
      pathsSet = true;
    }
    if (!(await tf.setBackend('wasm'))) return { ok: false, reason: 'the wasm backend failed to initialise' };
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    return {
      ok: true,
      notes: [
        `wasm: ${simd ? 'SIMD' : 'no SIMD (slower binary)'}, single-threaded in Node; use the worker pool for parallelism`,
      ],
    };
  } catch (error) {
    return {
      ok: false,
      reason: `the wasm backend failed: ${error instanceof Error ? error.message : error}`,
    };
  }
}
