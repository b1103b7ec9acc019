/**
 * N worker threads, each with its own tfjs backend and model (as the trainer's worker pool runs trials),
 * train at the same time; prints aggregate samples/s and the process's peak RSS as one JSON line.
 *   node --conditions=source --import tsx bench/train/pool-bench.ts --workers 2 --engine wasm --model cnn28
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../packages/tfjs/src/pool/index.js';
import { BATCH, type Measurement } from './measure.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: String(availableParallelism()) },
    engine: { type: 'string', default: 'wasm' },
    model: { type: 'string', default: 'cnn28' },
    seconds: { type: 'string', default: '5' },
  },
});
const size = Number(values.workers);
if (!Number.isInteger(size) || size < 1)
  throw new Error(`--workers: expected an integer >= 1, got ${values.workers}`);
const seconds = Number(values.seconds);

const workers: Worker[] = [];
const ready: Promise<void>[] = [];
const results: Promise<Measurement>[] = [];
for (let i = 0; i < size; i++) {
  const worker = startWorker(new URL('./pool-worker.ts', import.meta.url), {
    workerData: { engine: values.engine, model: values.model, seconds },
  });
  workers.push(worker);
  let onReady: () => void = () => {};
  ready.push(new Promise<void>((resolve) => (onReady = resolve)));
  results.push(
    new Promise<Measurement>((resolve, reject) => {
      worker.on('message', (message: Measurement | 'ready') =>
        message === 'ready' ? onReady() : resolve(message),
      );
      worker.on('error', reject);
    }),
  );
}
try {
  await Promise.all(ready);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (const worker of workers) worker.postMessage('go');
  const measured = await Promise.all(results);
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const samples = measured.reduce((sum, m) => sum + m.steps * BATCH, 0);
  console.log(
    JSON.stringify({
      engine: `pool-${values.engine}×${size}`,
      model: values.model,
      samplesPerSecond: samples / wall,
      samplesPerCpuSecond: samples / ((cpu.user + cpu.system) / 1e6),
      perWorker: measured.map((m) => Math.round(m.samplesPerSecond)),
      seconds: wall,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} catch (error) {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.log(
    JSON.stringify({ engine: `pool-${values.engine}×${size}`, model: values.model, error: message }),
  );
} finally {
  await Promise.all(workers.map((w) => w.terminate()));
}
