import { availableParallelism } from 'node:os';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { EpochLogs, ReportAnswer } from '@penguin-nas/core';
import type { TrainingData } from '../train/data.js';
import {
  datasetKey,
  type FromWorker,
  type ToWorker,
  type TrainJob,
  type WorkerTrainResult,
} from './messages.js';
import { defaultWorkerEntry, startWorker } from './worker-entry.js';

export interface WorkerPoolOptions {
  /** Worker threads; default: the number of cores. */
  readonly size?: number;
  /** A worker is retired and replaced after this many models; default 20. */
  readonly maxModelsPerWorker?: number;
  /** Heap limits of each worker (`maxOldGenerationSizeMb`…): a worker over them fails its trial and is replaced. */
  readonly resourceLimits?: ResourceLimits;
  /** The worker module (default: this package's trainer worker); it must speak the `messages.ts` protocol. */
  readonly entry?: URL;
  /**
   * Gives the data of a job's dataset, loaded once in this thread, to send to each worker before its first job
   * on that dataset (load it with `shared: true`: SharedArrayBuffers are shared, not copied). Without it, or
   * when it resolves to undefined, each worker loads the dataset itself.
   */
  readonly shareData?: (job: TrainJob) => Promise<TrainingData | undefined>;
}

/** A trial the pool could not finish: the worker failed, crashed or ran out of memory. */
export class WorkerTrialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerTrialError';
  }
}

interface Running {
  readonly job: TrainJob;
  readonly onEpoch: (logs: EpochLogs) => Promise<ReportAnswer>;
  resolve(result: WorkerTrainResult): void;
  reject(error: Error): void;
  /** Set when `onEpoch` threw: the worker is told to stop, and the trial rejects with this error. */
  reportError?: unknown;
  aborted?: boolean;
}

interface Slot {
  readonly worker: Worker;
  running: Running | undefined;
  models: number;
  /** Keys of the datasets this worker has received. */
  readonly datasets: Set<string>;
  retired: boolean;
}

/**
 * Trains trials in `worker_threads`, one model per worker, each worker with its own backend. Messages are plain
 * JSON: a job in, epoch logs out, 'continue'/'stop' answers in. A worker that throws, exits or runs out of
 * memory fails only its own trial and is replaced by a fresh one for the next; workers are recycled after
 * `maxModelsPerWorker` models.
 */
export class WorkerPool {
  readonly size: number;
  private readonly maxModels: number;
  private readonly entry: URL;
  private readonly resourceLimits: ResourceLimits | undefined;
  private readonly shareData: WorkerPoolOptions['shareData'];
  private readonly slots = new Set<Slot>();
  private readonly queue: Running[] = [];
  private closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = options.size ?? availableParallelism();
    this.maxModels = options.maxModelsPerWorker ?? 20;
    if (!Number.isInteger(this.size) || this.size < 1) {
      throw new RangeError(`WorkerPool: size: expected an integer >= 1, got ${options.size}`);
    }
    if (!Number.isInteger(this.maxModels) || this.maxModels < 1) {
      throw new RangeError(
        `WorkerPool: maxModelsPerWorker: expected an integer >= 1, got ${options.maxModelsPerWorker}`,
      );
    }
    this.entry = options.entry ?? defaultWorkerEntry();
    this.resourceLimits = options.resourceLimits;
    this.shareData = options.shareData;
  }

  /** Workers alive now. */
  get workers(): number {
    return this.slots.size;
  }

  /**
   * Trains one job on the next free worker. `onEpoch` is awaited for every validation point and its answer
   * sent back; aborting `signal` asks the worker to stop. Rejects with `WorkerTrialError` when the trial fails.
   */
  run(
    job: TrainJob,
    onEpoch: (logs: EpochLogs) => Promise<ReportAnswer>,
    signal?: AbortSignal,
  ): Promise<WorkerTrainResult> {
    if (this.closed) return Promise.reject(new Error('WorkerPool: closed; create a new pool'));
    return new Promise<WorkerTrainResult>((resolve, reject) => {
      const running: Running = { job, onEpoch, resolve, reject };
      signal?.addEventListener('abort', () => this.abort(running), { once: true });
      this.queue.push(running);
      this.dispatch();
    });
  }

  /** Terminates every worker; trials still running fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) waiting.reject(new WorkerTrialError('worker pool closed'));
    await Promise.all([...this.slots].map((slot) => this.retire(slot, 'worker pool closed')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => !s.running && !s.retired);
      if (!slot && this.slots.size < this.size) slot = this.spawn();
      if (!slot) return;
      const running = this.queue.shift() as Running;
      slot.running = running;
      void this.start(slot, running);
    }
  }

  /** Sends the job's data first when the worker lacks it and the pool shares data, then the job. */
  private async start(slot: Slot, running: Running): Promise<void> {
    const key = datasetKey(running.job.dataset);
    if (this.shareData && !slot.datasets.has(key)) {
      try {
        const data = await this.shareData(running.job);
        if (slot.running !== running) return;
        if (data) {
          const { train, val, shape, numClasses } = data;
          this.send(slot, { type: 'data', key, data: { train, val, shape, numClasses } });
          slot.datasets.add(key);
        }
      } catch (error) {
        if (slot.running !== running) return;
        slot.running = undefined;
        running.reject(
          new WorkerTrialError(
            `loading the data failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
        this.dispatch();
        return;
      }
    }
    if (running.aborted) {
      slot.running = undefined;
      running.reject(new WorkerTrialError('cancelled before it started'));
      this.dispatch();
      return;
    }
    this.send(slot, { type: 'train', job: running.job });
  }

  private spawn(): Slot {
    const options = this.resourceLimits ? { resourceLimits: this.resourceLimits } : {};
    const worker = startWorker(this.entry, options);
    const slot: Slot = { worker, running: undefined, models: 0, retired: false, datasets: new Set() };
    this.slots.add(slot);
    worker.on('message', (message: FromWorker) => void this.onMessage(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `worker ran out of memory (${JSON.stringify(this.resourceLimits ?? {})}): ${error.message}`
          : `worker crashed: ${error.message}`;
      this.fail(slot, reason);
    });
    worker.on('exit', (code) => this.fail(slot, `worker exited with code ${code}`));
    return slot;
  }

  private send(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  private async onMessage(slot: Slot, message: FromWorker): Promise<void> {
    const running = slot.running;
    if (!running) return;
    if (message.type === 'epoch') {
      try {
        const answer = await running.onEpoch(message.logs);
        if (slot.running === running) this.send(slot, { type: 'answer', answer });
      } catch (error) {
        running.reportError = error;
        if (slot.running === running) this.send(slot, { type: 'abort' });
      }
      return;
    }
    slot.running = undefined;
    slot.models++;
    if (running.reportError !== undefined) {
      const error = running.reportError;
      running.reject(error instanceof Error ? error : new Error(String(error)));
    } else if (message.type === 'done') running.resolve(message.result);
    else running.reject(new WorkerTrialError(message.error));
    if (slot.models >= this.maxModels) void this.retire(slot, 'recycled');
    this.dispatch();
  }

  /** A worker died: its trial fails, the worker is dropped, and queued trials get a fresh one. */
  private fail(slot: Slot, reason: string): void {
    if (!this.slots.has(slot)) return;
    this.slots.delete(slot);
    const running = slot.running;
    slot.running = undefined;
    running?.reject(new WorkerTrialError(reason));
    if (!this.closed) this.dispatch();
  }

  private async retire(slot: Slot, reason: string): Promise<void> {
    slot.retired = true;
    this.slots.delete(slot);
    slot.running?.reject(new WorkerTrialError(reason));
    slot.running = undefined;
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }

  private abort(running: Running): void {
    running.aborted = true;
    const index = this.queue.indexOf(running);
    if (index >= 0) {
      this.queue.splice(index, 1);
      running.reject(new WorkerTrialError('cancelled before it started'));
      return;
    }
    for (const slot of this.slots) if (slot.running === running) this.send(slot, { type: 'abort' });
  }
}
