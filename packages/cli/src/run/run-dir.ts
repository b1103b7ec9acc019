import { accessSync, constants, existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { EVENTS_FILE, PenguinError } from '@penguin-nas/core';

/** `runs/20261122-161503`: a new run directory name from the date and time. */
export function defaultRunDirName(date: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** `parent/name`, or `parent/name-2`, `-3`… when a run started in the same second already took it. */
export function freshRunDir(parent: string, name: string): string {
  let dir = join(parent, name);
  for (let n = 2; existsSync(dir); n++) dir = join(parent, `${name}-${n}`);
  return dir;
}

function firstExisting(path: string): string {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/**
 * The code of the failure: Node's recursive mkdir reports ENOENT on a read-only filesystem, so the first missing
 * directory is created alone to learn the real code (EROFS, EACCES).
 */
function realCode(dir: string, existing: string, cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
  if (code !== 'ENOENT' || existing === dir) return code;
  const first = join(existing, relative(existing, dir).split(sep)[0] ?? '');
  try {
    mkdirSync(first);
    rmdirSync(first);
    return code;
  } catch (error) {
    const real = (error as NodeJS.ErrnoException).code ?? code;
    return real === 'EROFS' ? 'EROFS: read-only filesystem' : real;
  }
}

/**
 * Makes sure `dir` can hold a new run: it is (or can become) a writable directory and holds no journal yet.
 * `label` says where the directory came from (`--out runs/x`, `penguin.config.json: out`).
 */
export function prepareRunDir(dir: string, label: string): void {
  const events = join(dir, EVENTS_FILE);
  if (existsSync(events) && statSync(events).size > 0) {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${label}: expected a new run directory, found a run journal in ${dir}; resume it with \`penguin resume ${dir}\` or choose another directory`,
    );
  }
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (cause) {
    const existing = firstExisting(dir);
    const why =
      existsSync(existing) && !statSync(existing).isDirectory()
        ? `${existing} is a file`
        : realCode(dir, existing, cause);
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${label}: expected a writable directory, but cannot create ${dir} (${why})`,
      {
        cause,
      },
    );
  }
}
