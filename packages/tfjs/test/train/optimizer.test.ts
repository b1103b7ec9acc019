import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer, type OptimizerSettings } from '../../src/train/optimizer.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const sgd: OptimizerSettings = {
  optimizer: 'sgd',
  learningRate: 0.1,
  momentum: 0.9,
  nesterov: false,
  weightDecay: 0,
};

/** Runs `steps` updates of one variable with a constant gradient; returns its values after each step. */
function trace(
  settings: OptimizerSettings,
  gradient: number[],
  steps: number,
  lrAt?: (step: number) => number,
) {
  const before = tf.memory().numTensors;
  const initial = tf.tensor1d([1, -2]);
  const w = tf.variable(initial, true, `w${Math.random()}`);
  initial.dispose();
  const optimizer = createOptimizer(settings);
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    if (lrAt) optimizer.setLearningRate(lrAt(i));
    const g = tf.tensor1d(gradient);
    optimizer.step({ [w.name]: g });
    g.dispose();
    out.push(Array.from(w.dataSync()));
  }
  optimizer.dispose();
  w.dispose();
  expect(tf.memory().numTensors, 'every tensor freed').toBe(before);
  return out;
}

describe('createOptimizer', () => {
  it('SGD with momentum accumulates v = m·v + g and steps w -= lr·v', () => {
    const [one, two] = trace(sgd, [1, 1], 2);
    expect(one?.[0]).toBeCloseTo(1 - 0.1, 6);
    expect(two?.[0]).toBeCloseTo(1 - 0.1 - 0.1 * 1.9, 6);
  });

  it('adds weight decay to the gradient: g + wd·w', () => {
    const [one] = trace({ ...sgd, momentum: 0, weightDecay: 0.5 }, [0, 0], 1);
    expect(one?.[0]).toBeCloseTo(1 - 0.1 * 0.5 * 1, 6);
    expect(one?.[1]).toBeCloseTo(-2 - 0.1 * 0.5 * -2, 6);
  });

  it('changes the learning rate of SGD and Adam between steps', () => {
    const frozen = trace({ ...sgd, momentum: 0 }, [1, 1], 2, (i) => (i === 0 ? 0.1 : 0));
    expect(frozen[1]).toEqual(frozen[0]);
    const adam = trace({ ...sgd, optimizer: 'adam' }, [1, 1], 3, (i) => (i === 1 ? 0 : 0.01));
    expect(adam[1]).toEqual(adam[0]);
    // Adam's first steps move each weight by about the learning rate, against the gradient's sign
    expect(adam[0]?.[0]).toBeCloseTo(1 - 0.01, 4);
    expect(adam[2]?.[0]).toBeCloseTo(1 - 0.02, 4);
  });
});
