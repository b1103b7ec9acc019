import { fsyncSync, ftruncateSync, renameSync, writeSync } from 'node:fs';

/**
 * Every write, truncate, fsync and rename of a run directory goes through here, for two reasons: a write loops
 * until every byte is written (`writeSync` may write less than asked, e.g. on a nearly full disk), and a test can
 * kill the process at the n-th of these operations to check that nothing is lost under any kill.
 *
 * `PENGUIN_CRASH_AT=<n>` (tests only) kills the process with SIGKILL at the n-th operation (counted from 1 in
 * this process). A write is torn first: half of its bytes reach the file, then the process dies. A truncate,
 * fsync or rename is not performed. `PENGUIN_CRASH_COUNT=1` prints the number of operations at exit instead, so
 * a test knows how many kill points a run has.
 */
const crashAt = positiveInteger(process.env.PENGUIN_CRASH_AT);
let operations = 0;

if (process.env.PENGUIN_CRASH_COUNT === '1') {
  process.on('exit', () => process.stderr.write(`PENGUIN_CRASH_COUNT=${operations}\n`));
}

function positiveInteger(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** Counts one operation; true when the process must die at it. */
function isCrashPoint(): boolean {
  operations++;
  return operations === crashAt;
}

function crash(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is delivered before kill() returns on Linux; this line is never reached.
  throw new Error('PENGUIN_CRASH_AT: SIGKILL was not delivered');
}

/** The one system call `writeFully` loops on; tests pass one that writes a few bytes at a time. */
export type WriteCall = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

const systemWrite: WriteCall = (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length);

/** Writes every byte of `text`, calling `write` again after a partial write. */
export function writeFully(fd: number, buffer: Uint8Array, write: WriteCall = systemWrite): void {
  if (isCrashPoint()) {
    const half = Math.floor(buffer.length / 2);
    let done = 0;
    while (done < half) done += write(fd, buffer, done, half - done);
    crash();
  }
  let written = 0;
  while (written < buffer.length) {
    const n = write(fd, buffer, written, buffer.length - written);
    if (!Number.isInteger(n) || n <= 0) {
      throw new Error(`write returned ${n} after ${written} of ${buffer.length} bytes; expected progress`);
    }
    written += n;
  }
}

export function truncateFile(fd: number, length: number): void {
  if (isCrashPoint()) crash();
  ftruncateSync(fd, length);
}

export function syncFile(fd: number): void {
  if (isCrashPoint()) crash();
  fsyncSync(fd);
}

export function renameFile(from: string, to: string): void {
  if (isCrashPoint()) crash();
  renameSync(from, to);
}
