import { createRng } from '@penguin-nas/core';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/build/index.js';
import { layerCnnSpace, macroCnnSpace, mlpSpace, type NetworkSpace } from '../../src/spaces/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spaces: [string, NetworkSpace][] = [
  ['mlp', mlpSpace({ inputShape: [6, 6, 1], numClasses: 3, training: { optimizer: ['sgd', 'adam'] } })],
  ['layer-cnn', layerCnnSpace({ inputShape: [8, 8, 2], numClasses: 4 })],
  ['macro-cnn', macroCnnSpace({ inputShape: [8, 8, 1], numClasses: 5, nodes: 4, channels: [2, 4] })],
];

describe.each(spaces)('%s: static objectives', (_, space) => {
  it('parameter count equals tf countParams() of the built model', () => {
    const rng = createRng(7);
    for (let i = 0; i < 6; i++) {
      const genome = space.sample(rng);
      const model = buildModel(space.architecture(genome), { seed: i });
      try {
        expect(space.staticObjectives(genome).params).toBe(model.countParams());
        expect(model.outputs[0]?.shape).toEqual([null, space.numClasses]);
      } finally {
        model.dispose();
      }
    }
  });

  it('every sampled genome is valid and builds a positive FLOP count', () => {
    const rng = createRng(11);
    for (let i = 0; i < 20; i++) {
      const genome = space.sample(rng);
      expect(space.validate(genome)).toEqual({ ok: true, genome });
      expect(space.staticObjectives(genome).flops).toBeGreaterThan(0);
    }
  });
});
