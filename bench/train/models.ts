import type * as TF from '@tensorflow/tfjs';

/** The three reference models of the training benchmark; `torch_bench.py` builds the same ones. */
export const MODELS = {
  mlp: { input: [28, 28, 1], label: 'MLP 784-128-10 (28×28×1)' },
  cnn28: { input: [28, 28, 1], label: 'CNN c16-pool-c32-pool-d10 (28×28×1)' },
  cnn32: { input: [32, 32, 3], label: 'CNN c16-pool-c32-pool-d10 (32×32×3)' },
} as const;

export type ModelName = keyof typeof MODELS;

export function isModelName(name: string): name is ModelName {
  return Object.hasOwn(MODELS, name);
}

/**
 * MLP: flatten, dense 128 ReLU, dense 10. CNN: conv 3×3 16 'same' ReLU, max-pool 2, conv 3×3 32 'same'
 * ReLU, max-pool 2, flatten, dense 10. Softmax cross-entropy, Adam (lr 1e-3) for both.
 */
export function buildModel(tf: typeof TF, name: ModelName): TF.LayersModel {
  const inputShape = [...MODELS[name].input];
  const model = tf.sequential();
  if (name === 'mlp') {
    model.add(tf.layers.flatten({ inputShape }));
    model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  } else {
    model.add(
      tf.layers.conv2d({ inputShape, filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
  }
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}
