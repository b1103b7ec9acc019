/**
 * Vitest global setup: every test run gets its own temporary folder, removed when the run ends, so the folders
 * tests create (journals, sockets, curve files, child processes' files) never pile up in the machine's `/tmp`.
 * `TMPDIR` is set before the test workers start, so `os.tmpdir()` in every worker and child process points here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'penguin-tests-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
