import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArchBuilder } from '../../src/arch/index.js';
import { buildModel, seededDropout } from '../../src/build/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arch = (() => {
  const a = new ArchBuilder([4, 4, 1]);
  const c = a.add({
    kind: 'conv',
    filters: 2,
    kernel: 3,
    stride: 1,
    padding: 'same',
    activation: 'relu',
    useBias: true,
  });
  const d = a.add(
    { kind: 'conv', filters: 2, kernel: 1, stride: 1, padding: 'same', activation: 'linear', useBias: false },
    [c],
  );
  a.add({ kind: 'add' }, [c, d]);
  a.add({ kind: 'globalAvgPool' });
  a.add({ kind: 'dense', units: 3, activation: 'linear' });
  return a.build();
})();

const weights = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('buildModel', () => {
  it('builds a DAG with the functional API, with the same weights for the same seed', () => {
    const [a, b, c] = [
      buildModel(arch, { seed: 1 }),
      buildModel(arch, { seed: 1 }),
      buildModel(arch, { seed: 2 }),
    ];
    try {
      expect(a.outputs[0]?.shape).toEqual([null, 3]);
      expect(a.layers.map((l) => l.getClassName())).toEqual([
        'InputLayer',
        'Conv2D',
        'Conv2D',
        'Add',
        'GlobalAveragePooling2D',
        'Dense',
      ]);
      expect(weights(b)).toEqual(weights(a));
      expect(weights(c)).not.toEqual(weights(a));
    } finally {
      for (const m of [a, b, c]) m.dispose();
    }
  });
});

describe('seededDropout', () => {
  it('draws a new mask at every training call, the same sequence for the same seed, and passes through at inference', () => {
    const x = tf.ones([1, 64]);
    const masks = (seed: number) => {
      const layer = seededDropout({ rate: 0.5, seed });
      return [0, 1].map(() =>
        tf.tidy(() => Array.from((layer.apply(x, { training: true }) as tf.Tensor).dataSync())),
      );
    };
    const [first, second] = masks(9);
    expect(first).not.toEqual(second);
    expect(masks(9)).toEqual([first, second]);
    expect(new Set(first)).toEqual(new Set([0, 2]));
    const inference = tf.tidy(() =>
      Array.from((seededDropout({ rate: 0.5, seed: 9 }).apply(x) as tf.Tensor).dataSync()),
    );
    expect(inference).toEqual(new Array(64).fill(1));
    x.dispose();
    expect(() => seededDropout({ rate: 1, seed: 0 })).toThrow(
      'seededDropout: rate: expected a number in [0, 1), got 1',
    );
  });
});
