import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useEngine } from './compare.js';

describe('Identity on wasm shares memory instead of copying', () => {
  it('a clone outlives its source and memory is freed when both are gone', async () => {
    await useEngine('penguin-wasm');
    const buffers = () => tf.backend().numDataIds();
    const before = { tensors: tf.memory().numTensors, buffers: buffers() };
    const x = tf.tensor2d([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const y = tf.clone(x);
    // shared: the clone has no buffer of its own on the wasm heap
    expect(buffers()).toBe(before.buffers + 1);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(y.shape).toEqual([2, 3]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before.tensors);
    expect(buffers()).toBe(before.buffers);
  });

  it('int32 and bool tensors keep their dtype and values', async () => {
    await useEngine('penguin-wasm');
    const ints = tf.tensor1d([7, -3], 'int32');
    const flags = tf.tensor1d([true, false, true], 'bool');
    const [a, b] = [tf.clone(ints), tf.clone(flags)];
    tf.dispose([ints, flags]);
    expect(a.dtype).toBe('int32');
    expect(Array.from(await a.data())).toEqual([7, -3]);
    expect(b.dtype).toBe('bool');
    expect(Array.from(await b.data())).toEqual([1, 0, 1]);
    tf.dispose([a, b]);
  });
});
