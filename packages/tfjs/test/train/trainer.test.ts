import { createRng, Engine, type Genome, type Searcher, type TrialHandle } from '@penguin-nas/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerCnnSpace, macroCnnSpace, mlpSpace } from '../../src/spaces/index.js';
import { tfjsTrainer } from '../../src/train/trainer.js';
import { quadrantData } from '../helpers/synthetic.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = quadrantData(64, 32);
const mlp = mlpSpace({
  inputShape: [8, 8, 1],
  numClasses: 4,
  training: { learningRate: { low: 1e-4, high: 1e12 } },
});
const good: Genome = {
  layers: 1,
  'layer1.units': 32,
  'layer1.activation': 'relu',
  'layer1.dropout': 0,
  learningRate: 0.01,
};
const exploding: Genome = { ...good, learningRate: 1e12 };

/** Proposes a fixed list of genomes, then is exhausted. */
function listSearcher(genomes: readonly Genome[]): Searcher {
  const queue = [...genomes];
  return { name: 'list', ask: (n) => queue.splice(0, n), tell: () => {} };
}

function handle(genome: Genome, id: string, maxEpochs = 1): TrialHandle {
  return { id, genome, seed: 1, maxEpochs, signal: new AbortController().signal };
}

describe('tfjsTrainer under the engine', () => {
  it('reports every validation point, stops when a plugin says so, fails a NaN trial and goes on', async () => {
    const trainer = tfjsTrainer({
      space: mlp,
      data,
      backend: 'cpu',
      optimizer: 'sgd',
      batchSize: 16,
      validationEvery: 0.5,
    });
    const engine = new Engine({
      space: mlp,
      searcher: listSearcher([good, exploding, good]),
      trainer,
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 2,
      plugins: [
        {
          name: 'stop-first',
          apply: (host) =>
            host.hooks.shouldTerminate.tapPromise('stop-first', async (trial) =>
              trial.index === 0 && (trial.curve.at(-1)?.epoch ?? 0) >= 1
                ? { reason: 'test', by: 'stop-first' }
                : undefined,
            ),
        },
      ],
    });
    const summary = await engine.run();
    const [first, second, third] = summary.trials;
    expect(first?.status).toBe('stopped');
    expect(first?.curve.map((l) => l.epoch)).toEqual([0.5, 1]);
    expect(first?.cost.epochs).toBe(1);
    expect(first?.staticObjectives).toEqual(mlp.staticObjectives(good));
    expect(second?.status).toBe('failed');
    expect(second?.error).toMatch(
      /^\[trainer tfjs\] trial \S+: training loss became (NaN|Infinity) at epoch/,
    );
    expect(third?.status).toBe('completed');
    expect(third?.curve.map((l) => l.epoch)).toEqual([0.5, 1, 1.5, 2]);
    expect(third?.cost.epochs).toBe(2);
  });
});

describe('tfjsTrainer memory hygiene', () => {
  it('returns tf.memory().numTensors to its baseline after each of 24 models, failed ones included', async () => {
    const spaces = [
      mlp,
      layerCnnSpace({
        inputShape: [8, 8, 1],
        numClasses: 4,
        filters: [2, 4],
        units: [8],
        featureLayers: { min: 1, max: 3 },
      }),
      macroCnnSpace({
        inputShape: [8, 8, 1],
        numClasses: 4,
        nodes: 3,
        phases: 2,
        channels: [2, 4],
        headUnits: [0, 8],
      }),
    ];
    const trainers = spaces.map((space) =>
      tfjsTrainer({ space, data, backend: 'cpu', batchSize: 32, optimizer: 'sgd', weightDecay: 1e-4 }),
    );
    await trainers[0]?.train(handle(good, 'warm-up'), async () => 'continue');
    const baseline = tf.memory().numTensors;
    const rng = createRng(4);
    for (let i = 0; i < 24; i++) {
      const which = i % 3;
      const space = spaces[which] as (typeof spaces)[number];
      const genome = i === 6 ? exploding : space.sample(rng);
      const train = (trainers[which] as ReturnType<typeof tfjsTrainer>).train(
        handle(genome, `t${i}`, i === 6 ? 4 : 1),
        async (logs) => (i % 4 === 1 && logs.epoch >= 0.5 ? 'stop' : 'continue'),
      );
      if (i === 6) await expect(train).rejects.toThrow('training loss became');
      else await train;
      expect(tf.memory().numTensors, `after model ${i}`).toBe(baseline);
    }
  });
});

describe('tfjsTrainer options', () => {
  it('rejects bad options with the key path', () => {
    expect(() => tfjsTrainer({ space: mlp, data, batchSize: 0 })).toThrow(
      'trainer.batchSize: Too small: expected number to be >=1',
    );
    expect(() => tfjsTrainer({ space: mlp, data, workers: 2 })).toThrow(
      'trainer.workers: workers load their data from `dataset`; in-memory `data` needs workers: 0',
    );
  });

  it('rejects a genome outside the space and a dataset that does not fit the network', async () => {
    const trainer = tfjsTrainer({ space: mlp, data, backend: 'cpu' });
    await expect(trainer.train(handle({ layers: 9 }, 'x'), async () => 'continue')).rejects.toThrow(
      /^\[trainer tfjs\] trial x: genome is not in space mlp: layers: expected an integer in \[1, 3\], got 9/,
    );
    const wide = tfjsTrainer({
      space: mlpSpace({ inputShape: [4, 4, 1], numClasses: 4 }),
      data,
      backend: 'cpu',
    });
    const genome = { layers: 1, 'layer1.units': 32, 'layer1.activation': 'relu', 'layer1.dropout': 0 };
    await expect(wide.train(handle(genome, 'y'), async () => 'continue')).rejects.toThrow(
      "[trainer tfjs] trial y: dataset: examples of shape [8, 8, 1] do not fit the network input [4, 4, 1]; set the space's inputShape to the dataset's",
    );
  });
});
