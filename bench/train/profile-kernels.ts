/**
 * Where a training step's time goes, kernel by kernel (self time: a kernel that calls other kernels,
 * as Penguin's wasm gradients do, is charged only for its own work).
 *   node --conditions=source --import tsx bench/train/profile-kernels.ts --engine wasm --model cnn28 --steps 8
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { BATCH, type EngineName, prepare } from './measure.js';
import { isModelName } from './models.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'wasm' },
    model: { type: 'string', default: 'cnn28' },
    steps: { type: 'string', default: '8' },
  },
});
if (!isModelName(values.model)) throw new Error(`--model: expected mlp, cnn28 or cnn32, got ${values.model}`);
const engine = values.engine as EngineName;

const prepared = await prepare(engine, values.model);
const backendName = tf.getBackend();
const self = new Map<string, { ms: number; calls: number }>();
const childTime: number[] = [];
for (const kernel of tf.getKernelsForBackend(backendName)) {
  const inner = kernel.kernelFunc;
  tf.unregisterKernel(kernel.kernelName, backendName);
  tf.registerKernel({
    ...kernel,
    kernelFunc: (args) => {
      childTime.push(0);
      const start = performance.now();
      const out = inner(args);
      const total = performance.now() - start;
      const children = childTime.pop() ?? 0;
      if (childTime.length > 0) childTime[childTime.length - 1] = (childTime.at(-1) ?? 0) + total;
      const entry = self.get(kernel.kernelName) ?? { ms: 0, calls: 0 };
      entry.ms += total - children;
      entry.calls++;
      self.set(kernel.kernelName, entry);
      return out;
    },
  });
}
const seconds = 1e-9; // `run` sizes steps from its warm-up; ask for the minimum and repeat instead
let wall = 0;
let samples = 0;
for (let i = 0; i < Number(values.steps); i++) {
  const m = await prepared.run(seconds);
  wall += m.seconds;
  samples += m.steps * BATCH;
}
const kernelMs = [...self.values()].reduce((sum, e) => sum + e.ms, 0);
console.log(
  `${engine} ${values.model}: ${(samples / wall).toFixed(0)} samples/s over ${samples / BATCH} steps`,
);
console.log(`wall ${(wall * 1000).toFixed(0)} ms, in kernels ${kernelMs.toFixed(0)} ms\n`);
console.log('| kernel | ms per step | share | calls per step |');
console.log('| --- | ---: | ---: | ---: |');
const steps = samples / BATCH;
for (const [name, e] of [...self].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
  console.log(
    `| ${name} | ${(e.ms / steps).toFixed(2)} | ${((100 * e.ms) / (wall * 1000)).toFixed(1)}% | ${e.calls / steps} |`,
  );
}
