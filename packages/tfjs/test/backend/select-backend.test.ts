import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PenguinError } from '@penguin-nas/core';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { type ModuleLoader, selectBackend } from '../../src/backend/index.js';
import { installedTrainingKernels } from '../../src/kernels/index.js';

// A native package installed with --ignore-scripts: package.json and JS are there, the binding is not.
const fakeRoot = mkdtempSync(join(tmpdir(), 'penguin-tfjs-node-'));
for (const name of ['tfjs-node', 'tfjs-node-gpu']) {
  const dir = join(fakeRoot, 'node_modules', '@tensorflow', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `@tensorflow/${name}`, main: 'index.js' }));
  writeFileSync(join(dir, 'index.js'), "module.exports = require('./lib/napi-v8/tfjs_binding.node');\n");
}
const brokenInstall: ModuleLoader = (specifier) =>
  import(pathToFileURL(createRequire(join(fakeRoot, 'index.js')).resolve(specifier)).href);

const notInstalled: ModuleLoader = (specifier) =>
  Promise.reject(
    Object.assign(new Error(`Cannot find package '${specifier}' imported from /app`), {
      code: 'ERR_MODULE_NOT_FOUND',
    }),
  );

afterAll(() => rmSync(fakeRoot, { recursive: true, force: true }));

describe('selectBackend', () => {
  it('auto on a machine without native packages: skips both with the reason and takes wasm with its kernels', async () => {
    const selected = await selectBackend({ load: notInstalled });
    expect(selected.name).toBe('wasm');
    expect(selected.accelerated).toBe(false);
    expect(selected.tf.getBackend()).toBe('wasm');
    expect(selected.notes[0]).toBe('skipped tensorflow-gpu: @tensorflow/tfjs-node-gpu is not installed');
    expect(selected.notes[1]).toBe('skipped tensorflow: @tensorflow/tfjs-node is not installed');
    expect(selected.notes.join('\n')).toContain('wasm: training kernels Conv2DBackpropFilter');
    expect(installedTrainingKernels('wasm')).toContain('Conv2DBackpropFilter');
  });

  it('with the real importer, the optional native packages that npm dropped count as not installed', async () => {
    const selected = await selectBackend();
    expect(['tensorflow-gpu', 'tensorflow', 'wasm']).toContain(selected.name);
    if (selected.name === 'wasm') expect(selected.notes[0]).toMatch(/^skipped tensorflow-gpu: /);
  });

  it('detects a native package installed without its binding and falls back, saying how to fix it', async () => {
    const selected = await selectBackend({ load: brokenInstall });
    expect(selected.name).toBe('wasm');
    expect(selected.notes[0]).toMatch(
      /^skipped tensorflow-gpu: @tensorflow\/tfjs-node-gpu is installed but cannot load \(Cannot find module '\.\/lib\/napi-v8\/tfjs_binding\.node'/,
    );
    expect(selected.notes[0]).toContain('--ignore-scripts');
    expect(selected.notes[1]).toContain('npm install @tensorflow/tfjs-node@4.22.0');
  });

  it('a forced backend that cannot load is an error, not a silent fallback', async () => {
    const attempt = selectBackend({ backend: 'tensorflow', load: brokenInstall });
    await expect(attempt).rejects.toBeInstanceOf(PenguinError);
    await expect(attempt).rejects.toMatchObject({ code: 'CONFIG_ERROR' });
    await expect(attempt).rejects.toThrow(
      /^backend: 'tensorflow' was requested but cannot be used: @tensorflow\/tfjs-node is installed but cannot load/,
    );
  });

  it('rejects an unknown backend name, listing the valid ones', async () => {
    await expect(selectBackend({ backend: 'gpu' as 'auto' })).rejects.toThrow(
      `backend: expected one of 'auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu', got "gpu"`,
    );
  });

  it('takes a working native package first and marks it accelerated', async () => {
    // stands in for tfjs-node-gpu: the tfjs API with a working 'tensorflow' backend (cpu's, renamed)
    const cpuFactory = tf.findBackendFactory('cpu');
    if (cpuFactory === null) throw new Error('the cpu backend factory is missing');
    tf.registerBackend('tensorflow', cpuFactory);
    const cpuKernels = tf.getKernelsForBackend('cpu');
    for (const kernel of cpuKernels) tf.registerKernel({ ...kernel, backendName: 'tensorflow' });
    const working: ModuleLoader = async (specifier) => {
      if (specifier === '@tensorflow/tfjs-node-gpu') return tf;
      return notInstalled(specifier);
    };
    const selected = await selectBackend({ load: working });
    expect(selected.name).toBe('tensorflow-gpu');
    expect(selected.accelerated).toBe(true);
    expect(selected.tf.getBackend()).toBe('tensorflow');
    expect(selected.notes).toEqual([]);
    await tf.setBackend('cpu');
    tf.removeBackend('tensorflow');
    for (const kernel of cpuKernels) tf.unregisterKernel(kernel.kernelName, 'tensorflow');
  });

  it('skips a package that does not export the TensorFlow.js API, and a backend that fails to start', async () => {
    tf.registerBackend('tensorflow', () => {
      throw new Error('libtensorflow.so.2: cannot open shared object file');
    });
    const odd: ModuleLoader = async (specifier) =>
      specifier === '@tensorflow/tfjs-node-gpu' ? { version: 1 } : tf;
    const selected = await selectBackend({ load: odd, backend: 'auto' });
    expect(selected.name).toBe('wasm');
    expect(selected.notes[0]).toBe(
      'skipped tensorflow-gpu: @tensorflow/tfjs-node-gpu loaded but does not export the TensorFlow.js API',
    );
    expect(selected.notes[1]).toBe(
      "skipped tensorflow: @tensorflow/tfjs-node loaded but backend 'tensorflow' failed to initialise",
    );
    tf.removeBackend('tensorflow');
  });

  it('forcing cpu gives the cpu backend with Penguin kernels unless asked not to', async () => {
    const selected = await selectBackend({ backend: 'cpu' });
    expect(selected).toMatchObject({ name: 'cpu', accelerated: false });
    expect(selected.tf.getBackend()).toBe('cpu');
    expect(installedTrainingKernels('cpu')).toContain('Conv2DBackpropFilter');
  });
});
