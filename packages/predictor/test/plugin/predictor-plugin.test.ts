import { Engine, type ObjectiveSpec } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { buildPredictorPlugin } from '../../src/plugin/predictor-plugin.js';
import { persistenceFactory } from '../helpers/persistence.js';

const accuracy: ObjectiveSpec[] = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }];
const loss: ObjectiveSpec[] = [{ name: 'val_loss', direction: 'minimize', from: 'curve' }];

/** Feeds a curve through the engine's bring-your-own-loop API until the engine says stop. */
async function feed(engine: Engine, metric: string, values: readonly (number | null)[]) {
  const { id } = await engine.startTrial({});
  let stopped: { epoch: number; reason?: string } | undefined;
  for (const [i, value] of values.entries()) {
    const result = await engine.observe(id, { epoch: i + 1, [metric]: value });
    if (result.stop) {
      stopped = result.reason === undefined ? { epoch: i + 1 } : { epoch: i + 1, reason: result.reason };
      break;
    }
  }
  const fitness = await engine.finish(id);
  return { id, stopped, fitness };
}

describe('predictor plugin through the engine', () => {
  it('records predictions, stops a converged curve and reports the prediction as predicted fitness', async () => {
    const plugin = buildPredictorPlugin({ rule: { N: 3, t: 0.5 } }, persistenceFactory);
    const engine = new Engine({ objectives: accuracy, maxEpochs: 20, plugins: [plugin] });
    const curve = [20, 40, 50, 55, 58, 60, 60.2, 60.1, 60.3, 60.2, 60.4, 60.3];
    const { stopped, fitness } = await feed(engine, 'val_acc', curve);
    expect(stopped?.epoch).toBe(9);
    expect(stopped?.reason).toContain(
      'peng4nn: converged: last 3 predictions [60.1, 60.15, 60.2] (persistence) within 0.5 of their median 60.15; predicted 60.2 at epoch 20',
    );
    expect(fitness.val_acc).toEqual({ value: 60.2, direction: 'maximize', source: 'predicted' });
    const summary = await engine.close();
    const trial = summary.trials[0];
    expect(trial?.status).toBe('stopped');
    const values = trial?.predictions.map((p) => p.value) ?? [];
    for (const [i, v] of [45, 52.5, 56.5, 59, 60.1, 60.15, 60.2].entries())
      expect(values[i]).toBeCloseTo(v, 9);
    expect(values).toHaveLength(7);
    expect(trial?.predictions[0]).toMatchObject({
      metric: 'val_acc',
      target: 20,
      by: 'predictor:persistence',
    });
  });

  it('leaves measured fitness alone for trials it did not stop', async () => {
    const plugin = buildPredictorPlugin({}, persistenceFactory);
    const engine = new Engine({ objectives: accuracy, maxEpochs: 5, plugins: [plugin] });
    const { stopped, fitness } = await feed(engine, 'val_acc', [10, 20, 30, 40, 50]);
    expect(stopped?.reason).toBeUndefined();
    expect(fitness.val_acc).toEqual({ value: 50, direction: 'maximize', source: 'measured' });
  });

  it('predicts loss curves (minimised) with plausible range [0, Infinity)', async () => {
    const plugin = buildPredictorPlugin({ rule: { t: 0.01 } }, persistenceFactory);
    const engine = new Engine({ objectives: loss, maxEpochs: 30, plugins: [plugin] });
    const { stopped, fitness } = await feed(
      engine,
      'val_loss',
      [0.9, 0.6, 0.5, 0.45, 0.452, 0.449, 0.451, 0.45],
    );
    expect(stopped?.epoch).toBe(7);
    expect(fitness.val_loss?.source).toBe('predicted');
    expect(fitness.val_loss?.value).toBeCloseTo(0.45, 6);
    expect(plugin.predictor?.metric).toMatchObject({ metric: 'val_loss', direction: 'minimize' });
  });

  it('never throws out of a hook on bad curves: nulls, a single point, exploding values', async () => {
    const plugin = buildPredictorPlugin({}, persistenceFactory);
    const engine = new Engine({ objectives: accuracy, maxEpochs: 6, plugins: [plugin] });
    for (const curve of [[null, null, null], [50], [1e308, 1e308, 1e308, null, 5, 5]]) {
      const { fitness } = await feed(engine, 'val_acc', curve);
      expect(fitness.val_acc?.source).toBe('measured');
    }
    const summary = await engine.close();
    expect(summary.trials.map((t) => t.status)).not.toContain('failed');
  });

  it('learns from finished trials, and its state survives a restore', async () => {
    const options = { rule: { kind: 'median', minTrials: 2 } } as const;
    const plugin = buildPredictorPlugin(options, persistenceFactory);
    const engine = new Engine({ objectives: accuracy, maxEpochs: 4, plugins: [plugin] });
    await feed(engine, 'val_acc', [50, 60, 70, 80]);
    await feed(engine, 'val_acc', [52, 62, 72, 82]);
    const state = JSON.parse(JSON.stringify(plugin.state()));
    const restored = buildPredictorPlugin(options, persistenceFactory);
    restored.restore(state);
    expect(restored.state()).toEqual(state);
    const fresh = new Engine({ objectives: accuracy, maxEpochs: 4, plugins: [restored] });
    const { stopped, fitness } = await feed(fresh, 'val_acc', [10, 20]);
    expect(stopped?.epoch).toBe(1);
    expect(stopped?.reason).toContain('median 51 of 2 finished trials');
    expect(fitness.val_acc).toMatchObject({ value: 10, source: 'predicted' });
    // The fresh engine numbers its trials from the start again, so its first trial replaces the namesake.
    expect(restored.predictor?.finishedTrials.map((f) => f.final)).toEqual([82, 10]);
  });

  it('a state saved while finished trials wait for the calibration (refresh) restores them', async () => {
    const options = { rule: { kind: 'never' }, calibration: { minSamples: 2, refresh: 0.5 } } as const;
    const plugin = buildPredictorPlugin(options, persistenceFactory);
    const engine = new Engine({ objectives: accuracy, maxEpochs: 4, plugins: [plugin] });
    for (let i = 0; i < 5; i++) await feed(engine, 'val_acc', [50 + i, 60 + i, 70 + i, 80 + i]);
    // The first four join at once (floor(n / 2) <= 1 below 4 samples); at 4 two must arrive, so the fifth waits.
    expect([plugin.predictor?.calibration?.size, plugin.predictor?.calibration?.waiting]).toEqual([4, 1]);
    const state = JSON.parse(JSON.stringify(plugin.state()));
    expect(state.calibration.pending).toHaveLength(1);
    const restored = buildPredictorPlugin(options, persistenceFactory);
    restored.restore(state);
    expect(restored.state()).toEqual(state);
    expect(() => restored.restore({ ...state, calibration: { samples: [], pending: [{ id: 1 }] } })).toThrow(
      'predictor: cannot restore state.calibration.pending.0.id',
    );
  });

  it('refuses a malformed state with a message naming the field', () => {
    const plugin = buildPredictorPlugin({}, persistenceFactory);
    expect(() => plugin.restore({ version: 1, finished: [{ id: 3 }] })).toThrow(
      'predictor: cannot restore state.finished.0.id',
    );
  });

  it('validates options eagerly', () => {
    expect(() => buildPredictorPlugin({ rule: { N: 1 } }, persistenceFactory)).toThrow(
      'predictor.rule.N: expected an integer >= 2, got 1',
    );
  });
});
