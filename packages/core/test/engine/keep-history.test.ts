import { describe, expect, it } from 'vitest';
import { Engine, type EngineOptions, readCurveFile, replayTrainer, tabularSpace } from '../../src/index.js';
import { TrialState } from '../../src/trial/trial-state.js';
import { NB201 } from '../paths.js';
import { randomSearcherForTests } from '../random-for-tests.js';

const records = (await readCurveFile(NB201)).slice(0, 20);
const space = tabularSpace(records);

function run(extra: Partial<EngineOptions> = {}) {
  return new Engine({
    space,
    searcher: randomSearcherForTests(),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 12,
    budget: { trials: 6 },
    seed: 5,
    plugins: [
      (host) => {
        // A prediction at every point, and a stop at epoch 4 for every other trial.
        host.hooks.onEpochEnd.tapPromise('predict', async (trial, logs) => {
          trial.recordPrediction({
            metric: 'val_acc',
            epoch: logs.epoch,
            target: 12,
            value: 50 + logs.epoch,
          });
        });
        host.hooks.shouldTerminate.tapPromise('stop', async (trial) =>
          trial.index % 2 === 1 && (trial.curve.at(-1)?.epoch ?? 0) >= 4
            ? { stop: true, reason: 'test stop', prediction: 60 }
            : undefined,
        );
      },
    ],
    ...extra,
  }).run();
}

describe('keepHistory: false (memory flat over long runs)', () => {
  it('a told trial keeps its cost, status, fitness and latest prediction, not its curve and history', async () => {
    const full = await run();
    const lean = await run({ keepHistory: false });
    expect(lean.trials).toHaveLength(6);
    expect(lean.epochs).toBe(full.epochs);
    for (const [i, trial] of lean.trials.entries()) {
      const kept = full.trials[i];
      expect(kept?.curve.length).toBeGreaterThan(0);
      expect(trial.curve).toEqual([]);
      expect(trial.predictions).toEqual(kept?.predictions.slice(-1));
      expect({ status: trial.status, cost: trial.cost.epochs, fitness: trial.fitness }).toEqual({
        status: kept?.status,
        cost: kept?.cost.epochs,
        fitness: kept?.fitness,
      });
    }
  });

  it('is checked: anything but a boolean is a config error naming the option', () => {
    expect(
      () =>
        new Engine({
          objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
          maxEpochs: 3,
          keepHistory: 'no' as never,
        }),
    ).toThrow('keepHistory: expected true or false, got "no"');
  });

  it('a forgotten history keeps the latest prediction and the latest with a value of each metric', () => {
    const trial = new TrialState('t0', 0, {}, 1, 10);
    trial.curve.push({ epoch: 1, val_acc: 50 }, { epoch: 2, val_acc: 60 });
    const at = (epoch: number, metric: string, value: number | null) => ({
      metric,
      epoch,
      target: 10,
      value,
    });
    trial.predictions.push(
      at(1, 'val_acc', 70),
      at(1, 'loss', 0.5),
      at(2, 'val_acc', 72),
      at(2, 'loss', null),
    );
    const latest = trial.latestPrediction();
    trial.forgetHistory();
    expect(trial.curve).toEqual([]);
    expect(trial.predictions).toEqual([at(1, 'loss', 0.5), at(2, 'val_acc', 72), at(2, 'loss', null)]);
    expect(trial.latestPrediction()).toBe(latest);
  });
});
