import { selectBackend, unregisterTrainingKernels } from '../../packages/tfjs/src/backend/index.js';
import { buildModel, MODELS, type ModelName } from './models.js';

/** One training configuration: which backend, with or without Penguin's kernels. */
export type EngineName = 'stock-cpu' | 'cpu' | 'wasm' | 'stock-wasm';

export interface Measurement {
  engine: EngineName;
  model: ModelName;
  samplesPerSecond: number;
  /** Samples per second of CPU time used by the process (all its threads): steady under machine load. */
  samplesPerCpuSecond: number;
  steps: number;
  seconds: number;
  /** Peak resident memory of the process (or of the whole pool process), MiB. */
  peakRssMb: number;
  error?: string;
}

export const BATCH = 64;

/** A model built and warmed up (one step, so kernels are set up and code is compiled), ready to time. */
export interface PreparedRun {
  run(seconds: number): Promise<Measurement>;
}

/**
 * Builds `model` on `engine` and runs two warm-up steps of `model.fit` (batch 64, Adam, shuffled, random
 * data). `run` then trains enough steps to fill about `seconds`, timed as one epoch.
 */
export async function prepare(engine: EngineName, model: ModelName): Promise<PreparedRun> {
  const backendName = engine === 'stock-cpu' || engine === 'cpu' ? 'cpu' : 'wasm';
  const stock = engine.startsWith('stock');
  const { tf } = await selectBackend({ backend: backendName, trainingKernels: !stock });
  if (stock) unregisterTrainingKernels(backendName);
  const net = buildModel(tf, model);
  const shape = MODELS[model].input;
  const batch = (n: number) =>
    tf.tidy(() => ({
      x: tf.randomNormal([n, ...shape]),
      y: tf.oneHot(tf.randomUniform([n], 0, 10, 'int32'), 10),
    }));
  // first step: kernel setup and compilation; second step: an estimate of the steady step time
  const warm = batch(BATCH);
  await net.fit(warm.x, warm.y, { batchSize: BATCH, epochs: 1, verbose: 0 });
  const warmStart = performance.now();
  await net.fit(warm.x, warm.y, { batchSize: BATCH, epochs: 1, verbose: 0 });
  const stepSeconds = (performance.now() - warmStart) / 1000;
  tf.dispose([warm.x, warm.y]);
  return {
    async run(seconds) {
      const steps = Math.max(1, Math.min(400, Math.round(seconds / Math.max(stepSeconds, 1e-3))));
      const data = batch(steps * BATCH);
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await net.fit(data.x, data.y, { batchSize: BATCH, epochs: 1, verbose: 0 });
      const elapsed = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      tf.dispose([data.x, data.y]);
      return {
        engine,
        model,
        samplesPerSecond: (steps * BATCH) / elapsed,
        samplesPerCpuSecond: (steps * BATCH) / cpuSeconds,
        steps,
        seconds: elapsed,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      };
    },
  };
}
