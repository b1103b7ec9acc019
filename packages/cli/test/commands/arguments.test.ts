import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { prepareRunDir } from '../../src/run/run-dir.js';
import { memoryIO } from '../helpers/memory-io.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A read-only mount prepared outside the test (`mount -t tmpfs -o ro tmpfs /tmp/hs-ro`), when the machine has one. */
const READ_ONLY = '/tmp/hs-ro';
const readOnlyMounted =
  existsSync('/proc/mounts') &&
  readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[1] === READ_ONLY && /(^|,)ro(,|$)/.test(line.split(' ')[3] ?? ''));

describe('penguin run arguments', () => {
  it('--seed 1e300 is a usage error at the flag, not a schema error later', async () => {
    const io = memoryIO(tempDir());
    expect(await main(['run', '--seed', '1e300'], io)).toBe(2);
    expect(io.err()).toContain(
      `option '--seed <n>' argument '1e300' is invalid. expected an integer between -9007199254740991 and 9007199254740991, got "1e300"`,
    );
  });

  it.skipIf(!readOnlyMounted)('--out on a read-only filesystem says EROFS, not ENOENT', () => {
    expect(() => prepareRunDir(`${READ_ONLY}/run`, '--out x')).toThrow(
      `--out x: expected a writable directory, but cannot create ${READ_ONLY}/run (EROFS: read-only filesystem)`,
    );
  });
});
