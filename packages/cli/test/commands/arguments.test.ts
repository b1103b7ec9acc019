import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { runCommand } from '../../src/commands/run.js';
import { prepareRunDir } from '../../src/run/run-dir.js';
import { memoryIO } from '../helpers/memory-io.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';

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

  // Linux's /sys takes no new directories (EPERM in a VM, EROFS in a container): the real cause is named.
  it.skipIf(!existsSync('/sys/kernel'))(
    '--out where no directory can be made names the cause, not ENOENT',
    () => {
      expect(() => prepareRunDir('/sys/penguin-test/run', '--out x')).toThrow(
        /^--out x: expected a writable directory, but cannot create \/sys\/penguin-test\/run \((EPERM|EROFS|EACCES)/,
      );
    },
  );

  it.skipIf(!readOnlyMounted)('--out on a read-only filesystem says EROFS, not ENOENT', () => {
    expect(() => prepareRunDir(`${READ_ONLY}/run`, '--out x')).toThrow(
      `--out x: expected a writable directory, but cannot create ${READ_ONLY}/run (EROFS: read-only filesystem)`,
    );
  });
});

describe('penguin run hints', () => {
  it('warns when concurrency >= the trial budget leaves the predictor nothing to compare with', async () => {
    const cwd = tempDir({
      '.penguinrc.json': JSON.stringify({
        space: { name: 'tabular', file: NB201 },
        searcher: 'random',
        trainer: 'replay',
        predictor: true,
        concurrency: 4,
        maxEpochs: 5,
        budget: { trials: 4 },
      }),
    });
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r', json: true }, io)).toBe(0);
    expect(io.err()).toContain(
      'penguin: warning: .penguinrc.json: concurrency 4 >= budget.trials 4: every trial starts before any finishes',
    );
  });
});
