import { createRng, defineSpace } from '@penguin-nas/core';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { reinforce } from '../src/reinforce.js';

it('works when the highest-priority backend initialises asynchronously (as wasm does)', async () => {
  // Like @penguin-nas/tfjs registering wasm: a preferred backend whose initialisation is async.
  tf.registerBackend(
    'async-cpu',
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return (tf.findBackendFactory('cpu') as () => tf.KernelBackend)();
    },
    100,
  );
  for (const kernel of tf.getKernelsForBackend('cpu'))
    tf.registerKernel({ ...kernel, backendName: 'async-cpu' });
  const space = defineSpace({
    name: 's',
    decisions: [{ kind: 'categorical', name: 'a', choices: ['x', 'y', 'z'] }],
  });
  const objectives = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }] as const;
  const s = reinforce({ batchSize: 1, hiddenSize: 4 })({ space, rng: createRng(1), objectives });
  const state = s.state() as { weights: { values: number[][] } };
  expect(state.weights.values[0]).toHaveLength(4);
  const [g] = await s.ask(1);
  expect(tf.getBackend()).toBe('async-cpu');
  expect(space.contains(g)).toBe(true);
  s.dispose();
});
