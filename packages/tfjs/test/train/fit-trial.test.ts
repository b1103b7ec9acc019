import type { EpochLogs } from '@penguin-nas/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpSpace } from '../../src/spaces/index.js';
import { fitTrial, TrainingFailure, type TrainSettings, validationPlan } from '../../src/train/fit-trial.js';
import { quadrantData } from '../helpers/synthetic.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const space = mlpSpace({ inputShape: [8, 8, 1], numClasses: 4 });
const architecture = space.architecture({
  layers: 1,
  'layer1.units': 32,
  'layer1.activation': 'relu',
  'layer1.dropout': 0,
});
const data = quadrantData(256, 128);
const settings: TrainSettings = {
  optimizer: 'adam',
  learningRate: 0.01,
  momentum: 0.9,
  nesterov: false,
  weightDecay: 0,
  batchSize: 32,
  schedule: { type: 'constant' },
  validationEvery: 1,
};

describe('validationPlan', () => {
  it('places fractional validation points on batch boundaries and ends at maxEpochs', () => {
    expect(validationPlan(2, 0.5, 8)).toEqual([
      { epoch: 0.5, step: 4 },
      { epoch: 1, step: 8 },
      { epoch: 1.5, step: 12 },
      { epoch: 2, step: 16 },
    ]);
    expect(validationPlan(2.5, 1, 4).map((p) => p.epoch)).toEqual([1, 2, 2.5]);
    // a target shorter than one batch still trains (and validates after) one batch
    expect(validationPlan(0.2, 1, 2)).toEqual([{ epoch: 0.2, step: 1 }]);
    // 0.9 epoch rounds onto the last batch (3.6 -> 4): the point at maxEpochs takes its place
    expect(validationPlan(1, 0.3, 4)).toEqual([
      { epoch: 0.3, step: 1 },
      { epoch: 0.6, step: 2 },
      { epoch: 1, step: 4 },
    ]);
  });

  it('rejects a validation interval shorter than one batch', () => {
    expect(() => validationPlan(1, 0.1, 4)).toThrow(
      'validationEvery: 0.1 epoch is less than one batch (an epoch has 4 batches); use at least 0.25',
    );
  });
});

describe('fitTrial', () => {
  it('learns, reports every half epoch and charges the epochs trained', async () => {
    const logs: EpochLogs[] = [];
    const result = await fitTrial({
      architecture,
      data,
      settings: { ...settings, validationEvery: 0.5 },
      seed: 3,
      maxEpochs: 3,
      report: async (l) => {
        logs.push(l);
        return 'continue';
      },
    });
    expect(result).toMatchObject({ epochs: 3, outcome: 'completed', validations: 6 });
    expect(logs.map((l) => l.epoch)).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    for (const l of logs)
      expect(Object.keys(l).sort()).toEqual(['acc', 'epoch', 'loss', 'lr', 'val_acc', 'val_loss']);
    expect(logs.map((l) => l.lr)).toEqual([0.01, 0.01, 0.01, 0.01, 0.01, 0.01]);
    expect(logs.at(-1)?.val_acc).toBeGreaterThan(80);
    expect(logs.at(-1)?.val_loss).toBeLessThan(logs[0]?.val_loss as number);
  });

  it('logs the rate of the last step before each point as `lr`, so a schedule shows in the curve', async () => {
    const logs: EpochLogs[] = [];
    // 256 examples in batches of 32: 8 steps an epoch; the rate halves every epoch, and the last step before the
    // point at epoch k is step 8k - 1, at epoch k - 1/8, still in epoch k - 1's rate.
    await fitTrial({
      architecture,
      data,
      settings: { ...settings, schedule: { type: 'step', every: 1, gamma: 0.5 } },
      seed: 3,
      maxEpochs: 3,
      report: async (l) => {
        logs.push(l);
        return 'continue';
      },
    });
    expect(logs.map((l) => l.lr)).toEqual([0.01, 0.005, 0.0025]);
  });

  it('stops at once when report answers stop', async () => {
    let calls = 0;
    const result = await fitTrial({
      architecture,
      data,
      settings: { ...settings, validationEvery: 0.25 },
      seed: 3,
      maxEpochs: 10,
      report: async () => (++calls === 3 ? 'stop' : 'continue'),
    });
    expect(calls).toBe(3);
    expect(result).toMatchObject({ epochs: 0.75, outcome: 'stopped', validations: 3 });
  });

  it('ends early with outcome cancelled when its signal aborts', async () => {
    const controller = new AbortController();
    const result = await fitTrial({
      architecture,
      data,
      settings: { ...settings, validationEvery: 0.25 },
      seed: 3,
      maxEpochs: 5,
      signal: controller.signal,
      report: async () => {
        controller.abort();
        return 'continue';
      },
    });
    expect(result).toMatchObject({ epochs: 0.25, outcome: 'cancelled', validations: 1 });
  });

  it('is reproducible under a seed', async () => {
    const run = async (seed: number) => {
      const out: EpochLogs[] = [];
      await fitTrial({
        architecture: space.architecture({
          layers: 1,
          'layer1.units': 16,
          'layer1.activation': 'tanh',
          'layer1.dropout': 0.5,
        }),
        data,
        settings: { ...settings, optimizer: 'sgd', weightDecay: 1e-3, schedule: { type: 'cosine' } },
        seed,
        maxEpochs: 2,
        report: async (l) => {
          out.push(l);
          return 'continue';
        },
      });
      return out;
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
  });

  it('fails with the epoch when the loss becomes NaN', async () => {
    const poisoned = quadrantData(64, 16);
    poisoned.train.x[5] = Number.NaN;
    const failing = fitTrial({
      architecture,
      data: poisoned,
      settings: { ...settings, batchSize: 64 },
      seed: 1,
      maxEpochs: 2,
      report: async () => 'continue',
    });
    await expect(failing).rejects.toThrow(TrainingFailure);
    await expect(failing).rejects.toThrow('training loss became NaN at epoch 1 (step 1)');
  });
});
