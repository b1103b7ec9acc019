import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeCommand } from '../../src/commands/resume.js';
import { runCommand } from '../../src/commands/run.js';
import { changedKeys } from '../../src/config/config-diff.js';
import { endedTrials } from '../helpers/journal.js';
import { memoryIO } from '../helpers/memory-io.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';
import { testLoader } from '../helpers/test-packages.js';

/** A `.mjs` config (it passes a searcher object, so resume loads the file again). */
const mjsConfig = (maxEpochs: number, trials: number) => `
let next = 0;
export default {
  space: { name: 'test-tabular', file: ${JSON.stringify(NB201)}, limit: 30 },
  searcher: ({ space, rng }) => ({ name: 'sampler', ask: (n) => [space.sample(rng)], tell() {} }),
  trainer: 'test-replay',
  maxEpochs: ${maxEpochs},
  budget: { trials: ${trials} },
  seed: 2,
};
`;

describe('penguin resume of a config edited after the run started', () => {
  it('refuses, naming the keys that changed, and resumes once they are restored', async () => {
    const cwd = tempDir({ 'penguin.config.mjs': mjsConfig(40, 6) });
    const first = memoryIO(cwd, {
      onStdout: (text, self) => {
        if (text.startsWith('[2/6]')) self.interrupt();
      },
    });
    expect(await runCommand({ out: 'r', loader: testLoader() }, first)).toBe(130);
    const done = endedTrials(join(cwd, 'r')).length;

    writeFileSync(join(cwd, 'penguin.config.mjs'), mjsConfig(10, 8));
    const refused = await resumeCommand('r', { json: true, loader: testLoader() }, memoryIO(cwd)).catch(
      (e: Error & { code: string }) => e,
    );
    expect(refused).toMatchObject({ code: 'CONFIG_ERROR' });
    expect((refused as Error).message).toBe(
      'penguin.config.mjs: changed since the run in r started (maxEpochs, budget.trials); resuming would mix two ' +
        'configs in one run. Restore those keys to resume it, or start a new run with penguin run',
    );
    expect(endedTrials(join(cwd, 'r'))).toHaveLength(done);

    writeFileSync(join(cwd, 'penguin.config.mjs'), mjsConfig(40, 6));
    expect(await resumeCommand('r', { json: true, loader: testLoader() }, memoryIO(cwd))).toBe(0);
    expect(endedTrials(join(cwd, 'r'))).toHaveLength(6);
  });

  it('changedKeys lists nested paths and items', () => {
    expect(changedKeys({ a: 1, b: { c: [1, 2] }, d: 'x' }, { a: 1, b: { c: [1, 3] }, e: 1 })).toEqual([
      'b.c[1]',
      'd',
      'e',
    ]);
    expect(changedKeys({ s: { $object: 'hill' } }, { s: { $object: 'random' } })).toEqual(['s.$object']);
  });
});
