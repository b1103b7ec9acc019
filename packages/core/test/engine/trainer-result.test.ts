import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine, readCurveFile, readJournal, tabularSpace } from '../../src/index.js';
import { NB201 } from '../paths.js';

describe("a trainer's result (#13.14)", () => {
  it('negative epochs fail the trial naming trainer, trial and value; they are not counted', async () => {
    const curves = (await readCurveFile(NB201)).slice(0, 5);
    const space = tabularSpace(curves);
    const dir = mkdtempSync(join(tmpdir(), 'penguin-result-'));
    const summary = await new Engine({
      space,
      searcher: () => ({ name: 'first', ask: () => [{ ...curves[0]?.genome }], tell: () => undefined }),
      trainer: {
        name: 'negative',
        async train(_trial, report) {
          await report({ epoch: 1, val_acc: 10 });
          return { epochs: -95 };
        },
      },
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 3,
      budget: { trials: 1 },
      dir,
    }).run();
    expect(summary.trials[0]).toMatchObject({
      status: 'failed',
      error: '[trainer negative] trial t0: expected result.epochs to be 0 or more, got -95',
    });
    expect(summary.epochs).toBeGreaterThanOrEqual(0);
    const ended = readJournal(dir).events.find((e) => e.type === 'trial-ended');
    expect(ended).toMatchObject({ status: 'failed' });
  });
});
