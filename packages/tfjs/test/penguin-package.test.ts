import { defineSpace } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { isNetworkSpace, penguinPackage } from '../src/index.js';

const context = { configDir: '/tmp', seed: 0 };

describe('penguinPackage', () => {
  it('names the three spaces and the tfjs trainer', () => {
    expect(penguinPackage.spaces?.map((s) => s.name)).toEqual(['macro-cnn', 'layer-cnn', 'mlp']);
    expect(penguinPackage.trainers?.map((t) => t.name)).toEqual(['tfjs']);
  });

  it('creates spaces from config options validated by their schemas', async () => {
    const entry = penguinPackage.spaces?.find((s) => s.name === 'mlp');
    const options = entry?.options.parse({
      inputShape: [32, 32, 3],
      layers: { min: 1, max: 2 },
      training: { optimizer: ['sgd'] },
    });
    const space = await entry?.create(options, context);
    expect(space && isNetworkSpace(space) ? space.inputShape : undefined).toEqual([32, 32, 3]);
    expect(space?.decisions.map((d) => d.name)).toContain('optimizer');
    const scheduled = await entry?.create(
      entry.options.parse({ training: { schedule: ['cosine', { type: 'step', every: 5, gamma: 0.1 }] } }),
      context,
    );
    expect(scheduled?.decisions.at(-1)).toEqual({
      kind: 'categorical',
      name: 'schedule',
      choices: ['cosine', 'step:5:0.1'],
    });
    expect(
      entry?.options.safeParse({ training: { schedule: [{ type: 'step', every: 0, gamma: 0.1 }] } }).success,
    ).toBe(false);
    const badLabel = entry?.options.safeParse({ training: { schedule: ['cosine', 'step:10'] } });
    expect(badLabel?.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'training.schedule.1',
        "expected 'constant', 'cosine', 'cosine:MIN' or 'step:EVERY:GAMMA' (e.g. 'step:10:0.1'), got 'step:10' (a step schedule takes EVERY and GAMMA)",
      ],
    ]);
    const bad = entry?.options.safeParse({ layers: { min: 2, max: 1 }, width: 3 });
    expect(bad?.success).toBe(false);
    expect(bad?.error?.issues.map((i) => i.code).sort()).toEqual(['custom', 'unrecognized_keys']);
  });

  it("accepts the config's whole dataset object (sizes are the trainer's business)", async () => {
    const entry = penguinPackage.spaces?.find((s) => s.name === 'mlp');
    const space = await entry?.create(
      entry.options.parse({ dataset: { name: 'cifar10', trainSize: 3000, valSize: 1000 } }),
      context,
    );
    expect(space && isNetworkSpace(space) ? [space.inputShape, space.numClasses] : undefined).toEqual([
      [32, 32, 3],
      10,
    ]);
  });

  it('takes the input shape and class count from a dataset name', async () => {
    const entry = penguinPackage.spaces?.find((s) => s.name === 'macro-cnn');
    const cifar = await entry?.create(entry.options.parse({ dataset: 'cifar10' }), context);
    const coarse = await entry?.create(
      entry.options.parse({ dataset: { name: 'cifar100', labels: 'coarse' } }),
      context,
    );
    const explicit = await entry?.create(entry.options.parse({ dataset: 'mnist', numClasses: 4 }), context);
    const shapes = [cifar, coarse, explicit].map((s) =>
      s && isNetworkSpace(s) ? [s.inputShape, s.numClasses] : undefined,
    );
    expect(shapes).toEqual([
      [[32, 32, 3], 10],
      [[32, 32, 3], 20],
      [[28, 28, 1], 4],
    ]);
  });

  it('creates the trainer with defaults, and refuses a space it cannot build', async () => {
    const entry = penguinPackage.trainers?.[0];
    const options = entry?.options.parse({
      dataset: { name: 'fashion-mnist', trainSize: 100 },
      schedule: 'cosine',
    });
    expect(options).toMatchObject({
      batchSize: 64,
      optimizer: 'adam',
      schedule: { type: 'cosine' },
      workers: 0,
      backend: 'auto',
    });
    const space = await penguinPackage.spaces?.[2]?.create({}, context);
    if (!space || !entry) throw new Error('registry incomplete');
    const trainer = await entry.create(options, { ...context, space, maxEpochs: 2 });
    expect(trainer.name).toBe('tfjs');
    const plain = defineSpace({ name: 'plain', decisions: [{ kind: 'int', name: 'x', low: 0, high: 1 }] });
    expect(() => entry.create(options, { ...context, space: plain, maxEpochs: 2 })).toThrow(
      'trainer tfjs: expected a network space (macro-cnn, layer-cnn, mlp), got space plain',
    );
    expect(
      entry.options.safeParse({
        dataset: { name: 'fashion-mnist' },
        schedule: { type: 'step', every: 0, gamma: 0.1 },
      }).success,
    ).toBe(false);
    // The trainer's own schedule takes the same labels as a space's.
    expect(
      entry.options.parse({ dataset: { name: 'fashion-mnist' }, schedule: 'step:10:0.1' }).schedule,
    ).toEqual({ type: 'step', every: 10, gamma: 0.1 });
  });
});
