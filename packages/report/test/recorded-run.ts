import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, readCurveFile, replayTrainer, tabularSpace } from '@penguin-nas/core';

const NB201 = fileURLToPath(
  new URL('../../../../shared/data/curves/nb201-cifar10-valid.jsonl', import.meta.url),
);

/** A small journalled run over the first `curves` NB201 curves, `trials` trials of 5 epochs: its directory. */
export async function recordedRun(curves: number, trials: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'penguin-report-recorded-'));
  const space = tabularSpace((await readCurveFile(NB201)).slice(0, curves));
  await new Engine({
    space,
    searcher: ({ space: s, rng }) => ({
      name: 'sampler',
      ask: (n) => [s.sample(rng)].slice(0, n),
      tell() {},
    }),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 5,
    budget: { trials },
    dir,
  }).run();
  return dir;
}
