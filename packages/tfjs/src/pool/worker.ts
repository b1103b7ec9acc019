/**
 * The worker-thread side of the pool: trains one job at a time with its own TensorFlow.js backend, sends each
 * validation point's logs and waits for the engine's answer before training further.
 */
import { parentPort, threadId } from 'node:worker_threads';
import type { ReportAnswer } from '@penguin-nas/core';
import { type SelectedBackend, selectBackend } from '../backend/index.js';
import { loadDataset } from '../datasets/index.js';
import type { TrainingData } from '../train/data.js';
import { fitTrial } from '../train/fit-trial.js';
import { datasetKey, type FromWorker, type ToWorker, type TrainJob } from './messages.js';

const port = parentPort;
if (!port) throw new Error('@penguin-nas/tfjs pool worker: expected to run in a worker thread');

let backend: Promise<SelectedBackend> | undefined;
const datasets = new Map<string, { data: Promise<TrainingData>; source: 'shared' | 'loaded' }>();
let answer: ((value: ReportAnswer) => void) | undefined;
let abort: AbortController | undefined;
let models = 0;

const post = (message: FromWorker): void => port.postMessage(message);
const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

function dataFor(job: TrainJob): { data: Promise<TrainingData>; source: 'shared' | 'loaded' } {
  const key = datasetKey(job.dataset);
  let entry = datasets.get(key);
  if (!entry) {
    entry = { data: loadDataset(job.dataset), source: 'loaded' };
    datasets.set(key, entry);
  }
  return entry;
}

async function train(job: TrainJob): Promise<void> {
  abort = new AbortController();
  try {
    backend ??= selectBackend({ backend: job.backend });
    const selected = await backend;
    const source = dataFor(job);
    const data = await source.data;
    const result = await fitTrial({
      architecture: job.architecture,
      data,
      settings: job.settings,
      seed: job.seed,
      maxEpochs: job.maxEpochs,
      signal: abort.signal,
      tf: selected.tf,
      report: (logs) =>
        new Promise<ReportAnswer>((resolve) => {
          answer = resolve;
          post({ type: 'epoch', logs });
        }),
    });
    models++;
    const memory = process.memoryUsage();
    post({
      type: 'done',
      result: {
        ...result,
        backend: selected.name,
        data: source.source,
        threadId,
        models,
        heapUsedMb: mb(memory.heapUsed),
        rssMb: mb(memory.rss),
      },
    });
  } catch (error) {
    models++;
    post({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'data') {
    datasets.set(message.key, { data: Promise.resolve(message.data), source: 'shared' });
  } else if (message.type === 'answer') {
    const resolve = answer;
    answer = undefined;
    resolve?.(message.answer);
  } else if (message.type === 'abort') {
    abort?.abort();
    const resolve = answer;
    answer = undefined;
    resolve?.('stop');
  } else {
    void train(message.job);
  }
});
