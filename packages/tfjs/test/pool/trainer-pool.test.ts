import { Engine, type Genome, type Searcher } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { mlpSpace } from '../../src/spaces/index.js';
import { tfjsTrainer } from '../../src/train/trainer.js';

const space = mlpSpace({ layers: { min: 1, max: 1 }, units: [32], dropout: [0] });
const genomes: Genome[] = [
  { layers: 1, 'layer1.units': 32, 'layer1.activation': 'relu', 'layer1.dropout': 0 },
  { layers: 1, 'layer1.units': 32, 'layer1.activation': 'tanh', 'layer1.dropout': 0 },
];

describe('tfjsTrainer with workers', () => {
  it('trains trials in parallel worker threads on Fashion-MNIST and stops one when told', async () => {
    const trainer = tfjsTrainer({
      space,
      dataset: { name: 'fashion-mnist', trainSize: 512, valSize: 256, testSize: 0 },
      backend: 'cpu',
      workers: 2,
      learningRate: 0.003,
      validationEvery: 0.5,
    });
    const queue = [...genomes];
    const searcher: Searcher = { name: 'list', ask: (n) => queue.splice(0, n), tell: () => {} };
    const engine = new Engine({
      space,
      searcher,
      trainer,
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 2,
      concurrency: 2,
      plugins: [
        {
          name: 'stop-tanh',
          apply: (host) =>
            host.hooks.shouldTerminate.tapPromise('stop-tanh', async (trial) =>
              trial.genome['layer1.activation'] === 'tanh' && trial.curve.length >= 2
                ? { reason: 'test', by: 'stop-tanh' }
                : undefined,
            ),
        },
      ],
    });
    try {
      // the workers read the dataset the trainer loaded once, in shared memory
      const direct = await trainer.train(
        {
          id: 'direct',
          genome: genomes[0] as Genome,
          seed: 1,
          maxEpochs: 0.5,
          signal: new AbortController().signal,
        },
        async () => 'continue',
      );
      expect(direct).toMatchObject({
        epochs: 0.5,
        info: { backend: 'cpu', data: 'shared', outcome: 'completed' },
      });
      const summary = await engine.run();
      const relu = summary.trials.find((t) => t.genome['layer1.activation'] === 'relu');
      const tanh = summary.trials.find((t) => t.genome['layer1.activation'] === 'tanh');
      expect(relu?.error).toBeUndefined();
      expect(relu?.status).toBe('completed');
      expect(relu?.curve.map((l) => l.epoch)).toEqual([0.5, 1, 1.5, 2]);
      expect(relu?.curve.at(-1)?.val_acc).toBeGreaterThan(50);
      expect(tanh?.status).toBe('stopped');
      expect(tanh?.cost.epochs).toBe(1);
    } finally {
      await trainer.dispose?.();
    }
  }, 90_000); // real data on a shared 2-core machine: give it room
});
