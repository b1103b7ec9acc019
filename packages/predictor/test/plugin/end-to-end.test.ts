import { Engine, readCurveFile, replayTrainer, tabularSpace } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { predictorPlugin } from '../../src/plugin/index.js';
import { sequenceSearcher } from '../../src/replay/order.js';
import { NB201 } from '../helpers/curves.js';

describe('predictor plugin in a managed run (replay trainer, NB201 curves)', () => {
  it('stops trials early, reports predictions as fitness and charges only the epochs replayed', async () => {
    const records = (await readCurveFile(NB201)).slice(0, 6).map((r) => ({
      ...r,
      epochs: r.epochs.slice(0, 40),
      metrics: { val_acc: (r.metrics.val_acc ?? []).slice(0, 40) },
    }));
    const space = tabularSpace(records);
    const plugin = predictorPlugin({ rule: { N: 3, t: 1 } });
    const engine = new Engine({
      space,
      searcher: sequenceSearcher(records.map((r) => r.genome ?? {})),
      trainer: replayTrainer(space, { metrics: ['val_acc'] }),
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 40,
      budget: { trials: records.length },
      plugins: [plugin],
    });
    const summary = await engine.run();
    expect(summary.trials).toHaveLength(6);
    const stopped = summary.trials.filter((t) => t.status === 'stopped');
    expect(stopped.length).toBeGreaterThan(0);
    for (const trial of stopped) {
      expect(trial.decision?.by).toBe('predictor');
      expect(trial.decision?.reason).toMatch(/^peng4nn: converged: last 3 predictions \[.*\] \(peng4nn\)/);
      expect(trial.fitness?.val_acc).toMatchObject({
        source: 'predicted',
        value: trial.decision?.prediction,
      });
      expect(trial.cost.epochs).toBeLessThan(40);
      expect(trial.predictions.length).toBeGreaterThan(0);
    }
    expect(summary.epochs).toBeLessThan(summary.baselineEpochs);
    expect(JSON.parse(JSON.stringify(plugin.state()))).toMatchObject({ version: 1 });
  });
});
