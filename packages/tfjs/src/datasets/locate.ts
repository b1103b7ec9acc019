import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatasetEnvironment } from './options.js';
import type { DatasetSpec } from './spec.js';
import type { DatasetName } from './types.js';

export const DEFAULT_SYSTEM_DIR = '/usr/share/datasets';

/** A place the dataset may be, in lookup order. */
export interface Candidate {
  readonly dir: string;
  /** How this place was chosen, for messages and `Dataset.source`. */
  readonly how: 'path option' | 'cache' | 'system';
}

/** The download cache root: `cacheDir`, else `$PENGUIN_DATA`, else `$XDG_CACHE_HOME/penguin/datasets`, else `~/.cache/penguin/datasets`. */
export function cacheRoot(cacheDir: string | undefined, environment: DatasetEnvironment): string {
  const env = environment.env ?? process.env;
  if (cacheDir) return resolve(cacheDir);
  if (env.PENGUIN_DATA) return resolve(env.PENGUIN_DATA);
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg ? resolve(xdg) : join(environment.homeDir ?? homedir(), '.cache'), 'penguin', 'datasets');
}

/** The system-wide dataset root: `systemDir`, else `$PENGUIN_SYSTEM_DATASETS`, else `/usr/share/datasets`. */
export function systemRoot(environment: DatasetEnvironment): string {
  const env = environment.env ?? process.env;
  return (
    environment.systemDir ??
    (env.PENGUIN_SYSTEM_DATASETS ? resolve(env.PENGUIN_SYSTEM_DATASETS) : DEFAULT_SYSTEM_DIR)
  );
}

/** Where to look, in order: the explicit path alone, or the cache then the system directory. */
export function candidates(
  name: DatasetName,
  options: { path: string | undefined; cacheDir: string | undefined },
  environment: DatasetEnvironment,
): Candidate[] {
  if (options.path) return [{ dir: resolve(options.path), how: 'path option' }];
  return [
    { dir: join(cacheRoot(options.cacheDir, environment), name), how: 'cache' },
    { dir: join(systemRoot(environment), name), how: 'system' },
  ];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The dataset's files in `dir` (or one of the spec's subdirectories), keyed like `spec.files`; all must be in
 * the same directory. Returns the directory used, or the files missing from `dir` when they are not all there.
 */
export function findFiles(
  spec: DatasetSpec,
  dir: string,
): { found: true; dir: string; files: Record<string, string> } | { found: false; missing: string[] } {
  let missingInDir: string[] = [];
  for (const sub of spec.subdirs) {
    const where = sub ? join(dir, sub) : dir;
    const files: Record<string, string> = {};
    const missing: string[] = [];
    for (const required of spec.files) {
      const name = required.names.find((n) => isFile(join(where, n)));
      if (name) files[required.key] = join(where, name);
      else missing.push(required.names[0] as string);
    }
    if (missing.length === 0) return { found: true, dir: where, files };
    if (sub === '') missingInDir = missing;
  }
  return { found: false, missing: missingInDir };
}
