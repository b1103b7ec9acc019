/** A worker of `pool-bench.ts`: prepares its model, says 'ready', trains on 'go', posts the measurement. */
import { parentPort, workerData } from 'node:worker_threads';
import { type EngineName, prepare } from './measure.js';
import type { ModelName } from './models.js';

const { engine, model, seconds } = workerData as { engine: EngineName; model: ModelName; seconds: number };
const port = parentPort;
if (port === null) throw new Error('pool-worker.ts runs as a worker thread of pool-bench.ts');
const prepared = await prepare(engine, model);
port.once('message', async () => {
  const result = await prepared.run(seconds);
  port.postMessage({ ...result, heapMb: process.memoryUsage().heapUsed / 2 ** 20 });
});
port.postMessage('ready');
