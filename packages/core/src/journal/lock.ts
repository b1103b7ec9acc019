import { closeSync, linkSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { PenguinError } from '../errors.js';
import { writeFully } from './disk.js';
import { journalError } from './run-files.js';

export const LOCK_FILE = 'lock';

/** What the lock file says about the process that writes the run. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** Run directories this process holds, so a second engine in the same process is refused too. */
const held = new Set<string>();

/** An exclusive claim on a run directory; `release()` gives it up (idempotent). */
export interface RunLock {
  release(): void;
}

/**
 * Takes the run directory's lock so only one process writes it (`run` and `resume` alike). The lock file holds
 * pid, host and start time; a lock whose process is gone (same host, pid not alive, or this very process without
 * holding it) is stale and taken over. Another live writer gets a JOURNAL_ERROR that names its pid and host.
 */
export function acquireRunLock(dir: string): RunLock {
  const file = join(dir, LOCK_FILE);
  const key = resolve(dir);
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  if (held.has(key)) throw lockedError(file, owner);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(dir, file, owner)) {
      held.add(key);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          held.delete(key);
          if (sameOwner(readOwner(file), owner)) unlinkQuietly(file);
        },
      };
    }
    const current = readOwner(file);
    if (current && !isStale(current)) throw lockedError(file, current);
    unlinkQuietly(file); // stale: its process is gone (or it never finished writing the file)
  }
  throw new PenguinError(
    'JOURNAL_ERROR',
    `${file}: could not take the run lock after removing a stale one 3 times`,
  );
}

/** Creates the lock file with its content in one step (write a private file, then link it into place). */
function tryCreate(dir: string, file: string, owner: LockOwner): boolean {
  const temp = `${file}.${owner.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeFully(fd, Buffer.from(`${JSON.stringify(owner)}\n`, 'utf8'));
    } finally {
      closeSync(fd);
    }
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw journalError(dir, `take the run lock ${LOCK_FILE}`, error);
  } finally {
    unlinkQuietly(temp);
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string')
      return value as LockOwner;
  } catch {
    // missing or unreadable: treated as stale
  }
  return undefined;
}

function sameOwner(a: LockOwner | undefined, b: LockOwner): boolean {
  return a?.pid === b.pid && a.host === b.host && a.since === b.since;
}

/** A lock on another host cannot be checked, so it is never stale; on this host, its process must be alive. */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return true; // this process holds no lock there (checked first): left by an engine that was never closed
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function lockedError(file: string, owner: LockOwner): PenguinError {
  return new PenguinError(
    'JOURNAL_ERROR',
    `${file}: this run is being written by process ${owner.pid} on ${owner.host} (since ${owner.since}); ` +
      'expected no other writer. Wait for it to end or stop it, then resume; if that process is gone for good ' +
      '(e.g. its machine was lost), delete the lock file.',
  );
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
