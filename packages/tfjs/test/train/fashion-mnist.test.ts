import type { EpochLogs } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { mlpSpace } from '../../src/spaces/index.js';
import { tfjsTrainer } from '../../src/train/trainer.js';

// Real data: Debian's dataset-fashion-mnist (installed by .ci/run) puts the IDX files in /usr/share/datasets.
describe('training on real Fashion-MNIST', () => {
  it('an MLP learns far above chance (10%) in 2 epochs on 2,000 images', async () => {
    const space = mlpSpace();
    const trainer = tfjsTrainer({
      space,
      dataset: { name: 'fashion-mnist', trainSize: 2000, valSize: 500, testSize: 0 },
      backend: 'cpu',
      optimizer: 'adam',
      learningRate: 0.002,
      batchSize: 64,
    });
    const logs: EpochLogs[] = [];
    const genome = { layers: 1, 'layer1.units': 128, 'layer1.activation': 'relu', 'layer1.dropout': 0 };
    const result = await trainer.train(
      { id: 'fmnist', genome, seed: 1, maxEpochs: 2, signal: new AbortController().signal },
      async (l) => {
        logs.push(l);
        return 'continue';
      },
    );
    expect(result.epochs).toBe(2);
    expect(result.staticObjectives).toEqual({
      params: 784 * 128 + 128 + 128 * 10 + 10,
      flops: 784 * 128 + 128 * 10,
    });
    expect(logs.map((l) => l.epoch)).toEqual([1, 2]);
    expect(logs[1]?.val_acc).toBeGreaterThan(70);
    expect(logs[1]?.acc).toBeGreaterThan(70);
  }, 90_000); // real data on a shared 2-core machine: give it room
});
