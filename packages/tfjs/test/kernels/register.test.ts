import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend/index.js';
import {
  installedTrainingKernels,
  registerTrainingKernels,
  unregisterTrainingKernels,
  WASM_TRAINING_KERNELS,
} from '../../src/kernels/index.js';

const names = (backend: 'cpu' | 'wasm') => tf.getKernelsForBackend(backend).map((k) => k.kernelName);

describe('registerTrainingKernels', () => {
  beforeAll(() => selectBackend({ backend: 'wasm' }));
  afterAll(() => registerTrainingKernels('wasm'));

  it('is idempotent and keeps the replaced kernel setupFunc', () => {
    unregisterTrainingKernels('wasm');
    const stockInput = tf.getKernel('Conv2DBackpropInput', 'wasm');
    expect(stockInput?.setupFunc).toBeTypeOf('function');
    expect(names('wasm')).not.toContain('Conv2DBackpropFilter');

    const first = registerTrainingKernels('wasm');
    const installed = tf.getKernel('Conv2DBackpropInput', 'wasm');
    const second = registerTrainingKernels('wasm');
    expect(second).toEqual(first);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBe(installed);
    expect(installed?.kernelFunc).not.toBe(stockInput?.kernelFunc);
    expect(installed?.setupFunc).toBe(stockInput?.setupFunc);
    expect(installedTrainingKernels('wasm')).toEqual(WASM_TRAINING_KERNELS.map((k) => k.kernelName));
  });

  it('unregister puts the stock kernels back and removes the added ones', () => {
    registerTrainingKernels('wasm');
    unregisterTrainingKernels('wasm');
    expect(names('wasm')).not.toContain('Conv2DBackpropFilter');
    expect(names('wasm')).not.toContain('UnsortedSegmentSum');
    expect(installedTrainingKernels('wasm')).toEqual([]);
    expect(tf.getKernel('MaxPoolGrad', 'wasm')).toBeDefined();
  });

  it('rejects a backend it has no kernels for, naming it', () => {
    expect(() => registerTrainingKernels('webgl' as 'cpu')).toThrow(
      `registerTrainingKernels: expected backend 'cpu' or 'wasm', got "webgl"`,
    );
  });
});

describe.each(['wasm', 'cpu'] as const)('training on %s with Penguin kernels', (backend) => {
  it('model.fit trains conv / max and avg pool / dropout / depthwise nets with Adam and SGD, leaking nothing (the stock momentum optimizer leaks a tensor per instance, so plain SGD)', async () => {
    await selectBackend({ backend });
    expect(installedTrainingKernels(backend)).toContain('Conv2DBackpropFilter');
    const x = tf.randomNormal([16, 12, 12, 2], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3], 'int32'), 4);
    const builders: [string, () => tf.LayersModel, () => tf.Optimizer][] = [
      [
        'conv-pool-dropout, Adam',
        () =>
          tf.sequential({
            layers: [
              tf.layers.conv2d({
                inputShape: [12, 12, 2],
                filters: 4,
                kernelSize: 3,
                padding: 'same',
                activation: 'relu',
              }),
              tf.layers.maxPooling2d({ poolSize: 2 }),
              tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, activation: 'relu' }),
              tf.layers.averagePooling2d({ poolSize: 2, padding: 'same' }),
              tf.layers.dropout({ rate: 0.2 }),
              tf.layers.flatten(),
              tf.layers.dense({ units: 4, activation: 'softmax' }),
            ],
          }),
        () => tf.train.adam(0.01),
      ],
      [
        'separable and depthwise, SGD',
        () =>
          tf.sequential({
            layers: [
              tf.layers.separableConv2d({
                inputShape: [12, 12, 2],
                filters: 4,
                kernelSize: 3,
                activation: 'relu',
              }),
              tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2 }),
              tf.layers.globalAveragePooling2d({}),
              tf.layers.dense({ units: 4, activation: 'softmax' }),
            ],
          }),
        () => tf.train.sgd(0.05),
      ],
    ];
    // tfjs caches a few scalars on first use of each layer/optimizer: baseline after a warm-up round
    let baseline = -1;
    const rounds = [...builders, ...builders, ...builders];
    for (const [index, [label, build, makeOptimizer]] of rounds.entries()) {
      const model = build();
      const optimizer = makeOptimizer();
      model.compile({ optimizer, loss: 'categoricalCrossentropy' });
      const before = model.getWeights().map((w) => w.dataSync().slice());
      const history = await model.fit(x, y, { batchSize: 8, epochs: 3, verbose: 0 });
      const losses = history.history.loss as number[];
      expect(losses.every(Number.isFinite), label).toBe(true);
      // every weight tensor received a gradient step
      const after = model.getWeights().map((w) => w.dataSync());
      expect(
        after.every((w, i) => w.some((v, j) => v !== before[i]?.[j])),
        label,
      ).toBe(true);
      model.dispose();
      optimizer.dispose();
      if (index === builders.length - 1) baseline = tf.memory().numTensors;
      if (index >= builders.length) expect(tf.memory().numTensors, label).toBe(baseline);
    }
    tf.dispose([x, y]);
  });
});
