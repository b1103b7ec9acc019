import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The compiled worker next to this file, or its TypeScript source when this file runs from `src/`. */
export function defaultWorkerEntry(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', here);
}

/**
 * Starts a worker thread on `entry`. A `.js` entry starts directly. A `.ts` entry (tests and development, when
 * the packages run from their sources) starts through a tiny bootstrap that registers tsx's module hooks inside
 * the worker, then imports the entry with the `source` export condition so workspace packages resolve to their
 * sources too. (On Node 20 tsx installs its hooks only on the main thread, and `--import tsx` in a worker's
 * `execArgv` does not reach the worker's own imports; registering the hooks from inside the worker does.)
 */
export function startWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const require = createRequire(import.meta.url);
  let hooks: string;
  try {
    hooks = pathToFileURL(require.resolve('tsx/esm')).href;
  } catch (cause) {
    throw new Error(
      `worker pool: ${entry.pathname} is TypeScript, and running it needs the tsx package (npm install -D tsx) or the compiled package (npx tsc -b)`,
      { cause },
    );
  }
  const bootstrap = [
    `require('node:module').register(${JSON.stringify(hooks)}, { data: {} });`,
    `import(${JSON.stringify(entry.href)});`,
  ].join('\n');
  const execArgv = [...(options.execArgv ?? process.execArgv), '--conditions=source'];
  return new Worker(bootstrap, { ...options, eval: true, execArgv: [...new Set(execArgv)] });
}
