import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerTrainingKernels, selectBackend } from '../../src/backend/index.js';

// Importing Penguin must not change TensorFlow.js: the wasm package (which registers a backend that
// outranks cpu) is imported by selectBackend only.
describe('importing @penguin-nas/tfjs has no side effects on TensorFlow.js', () => {
  it('registers no wasm backend until selectBackend asks for it', async () => {
    expect(tf.findBackendFactory('wasm')).toBeNull();
    expect(() => registerTrainingKernels('wasm')).toThrow(
      "registerTrainingKernels('wasm'): the wasm backend is not registered yet; call selectBackend({ backend: 'wasm' }) (or import its package) first",
    );
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    const selected = await selectBackend({ backend: 'wasm' });
    expect(selected.name).toBe('wasm');
    expect(tf.findBackendFactory('wasm')).not.toBeNull();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });
});
