import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, readCurveFile, replayTrainer, tabularSpace } from '@penguin-nas/core';
import { afterEach, describe, expect, it } from 'vitest';
import { predictorPlugin } from '../../src/plugin/index.js';
import { sequenceSearcher } from '../../src/replay/order.js';
import { NB201 } from '../helpers/curves.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('predictor state survives resume', () => {
  it('a resumed run knows the finished trials and the calibration of the first part', async () => {
    const records = (await readCurveFile(NB201)).slice(0, 8).map((r) => ({
      ...r,
      epochs: r.epochs.slice(0, 20),
      metrics: { val_acc: (r.metrics.val_acc ?? []).slice(0, 20) },
    }));
    const space = tabularSpace(records);
    const dir = mkdtempSync(join(tmpdir(), 'penguin-predictor-'));
    dirs.push(dir);
    const options = { rule: { kind: 'top-fraction', minTrials: 3 }, calibration: { minSamples: 3 } } as const;
    const engine = (trials: number, resume: boolean, plugin = predictorPlugin(options)) => ({
      plugin,
      engine: new Engine({
        space,
        searcher: sequenceSearcher(records.map((r) => r.genome ?? {})),
        trainer: replayTrainer(space, { metrics: ['val_acc'] }),
        objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
        maxEpochs: 20,
        budget: { trials },
        plugins: [plugin],
        dir,
        resume,
      }),
    });
    const first = engine(4, false);
    await first.engine.run();
    const before = first.plugin.state() as { finished: unknown[]; calibration: { samples: unknown[] } };
    expect(before.finished).toHaveLength(4);
    expect(before.calibration.samples.length).toBeGreaterThanOrEqual(3);

    // What the predictor learned is rebuilt from the journal (recall), not checkpointed: same state, small file.
    const checkpoint = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as { plugins?: object };
    expect(Object.keys(checkpoint.plugins ?? {})).not.toContain('predictor');
    const recalled = engine(4, true);
    await recalled.engine.run();
    expect(recalled.plugin.state()).toEqual(before);

    const second = engine(8, true);
    const summary = await second.engine.run();
    expect(summary.trials).toHaveLength(8);
    const after = second.plugin.state() as { finished: { id: string }[] };
    expect(after.finished).toHaveLength(8);
    expect(after.finished.slice(0, 4)).toEqual(before.finished);
  });
});
