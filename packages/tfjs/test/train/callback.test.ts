import { Engine } from '@penguin-nas/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { penguinCallback, toEpochLogs } from '../../src/train/callback.js';
import { quadrantData } from '../helpers/synthetic.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('toEpochLogs', () => {
  it('makes epochs 1-based, accuracies percent, and non-finite values null', () => {
    expect(toEpochLogs(0, { loss: 0.5, acc: 0.25, val_loss: Number.NaN, val_acc: 0.5 })).toEqual({
      epoch: 1,
      loss: 0.5,
      acc: 25,
      val_loss: null,
      val_acc: 50,
    });
    expect(toEpochLogs(2, { val_accuracy: 0.9 }, 1)).toEqual({ epoch: 3, val_accuracy: 0.9, val_acc: 0.9 });
  });
});

describe('penguinCallback (bring your own loop)', () => {
  it('reports each epoch of model.fit to the engine and stops fit when the engine says so', async () => {
    const engine = new Engine({
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 10,
      plugins: [
        {
          name: 'stop-at-3',
          apply: (host) =>
            host.hooks.shouldTerminate.tapPromise('stop-at-3', async (trial) =>
              trial.curve.length >= 3 ? { reason: 'three epochs', by: 'stop-at-3' } : undefined,
            ),
        },
      ],
    });
    const { id } = await engine.startTrial({ arch: 'mine' });
    const data = quadrantData(64, 32);
    const model = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [8, 8, 1] }),
        // Seeded, and fit below does not shuffle: with a random start, 3 epochs left 0 of the 32 validation examples
        // right once in CI.
        tf.layers.dense({
          units: 4,
          activation: 'softmax',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const [x, y, vx, vy] = [
      tf.tensor4d(data.train.x, [64, 8, 8, 1]),
      tf.tensor1d(data.train.y, 'float32'),
      tf.tensor4d(data.val.x, [32, 8, 8, 1]),
      tf.tensor1d(data.val.y, 'float32'),
    ];
    try {
      const history = await model.fit(x, y, {
        epochs: 10,
        batchSize: 32,
        shuffle: false,
        validationData: [vx, vy],
        verbose: 0,
        callbacks: [penguinCallback(engine, id)],
      });
      expect(history.epoch).toEqual([0, 1, 2]);
      const fitness = await engine.finish(id, { epochs: history.epoch.length });
      const trial = (await engine.close()).trials[0];
      expect(trial?.status).toBe('stopped');
      expect(trial?.decision?.reason).toBe('three epochs');
      expect(trial?.curve.map((l) => l.epoch)).toEqual([1, 2, 3]);
      // val_acc arrives in percent: a whole number of the 32 validation examples.
      const last = trial?.curve.at(-1)?.val_acc as number;
      expect(Math.abs((last * 32) / 100 - Math.round((last * 32) / 100))).toBeLessThan(1e-4);
      expect(last).toBeGreaterThan(1);
      expect(fitness.val_acc).toEqual({ value: last, direction: 'maximize', source: 'measured' });
    } finally {
      tf.dispose([x, y, vx, vy]);
      model.dispose();
    }
  });
});
