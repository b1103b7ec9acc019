import type { Executor, Genome, TrainResult, TrialJob } from '@penguin-nas/core';
import type { TrainJob } from './messages.js';
import { WorkerPool, type WorkerPoolOptions } from './worker-pool.js';

export interface WorkerPoolExecutorOptions<G extends Genome = Genome> extends WorkerPoolOptions {
  /** The executor's name in errors and the journal (default 'worker-pool'). */
  readonly name?: string;
  /** Turns a plain-JSON trial job into the worker's job (network, settings, dataset); a throw fails the trial. */
  readonly toTrainJob: (job: TrialJob<G>) => TrainJob;
}

/**
 * The worker pool as an executor: each trial job goes to a worker thread as plain JSON, its epoch logs come back
 * and are answered 'continue' or 'stop'. The pool starts with the first trial and is closed by `close()` (a trial
 * after that starts a fresh pool). The result's `epochs` is what the trial is charged; the worker's facts
 * (backend, thread, memory…) become its `info`.
 */
export function workerPoolExecutor<G extends Genome = Genome>(
  options: WorkerPoolExecutorOptions<G>,
): Executor<G> {
  const { name = 'worker-pool', toTrainJob, ...poolOptions } = options;
  // Validates the options now rather than at the first trial.
  const size = new WorkerPool(poolOptions).size;
  let pool: WorkerPool | undefined;
  return {
    name,
    concurrency: size,
    async execute(job, report, signal): Promise<TrainResult> {
      const trainJob = toTrainJob(job);
      pool ??= new WorkerPool(poolOptions);
      const { epochs, ...info } = await pool.run(trainJob, report, signal);
      return { epochs, info };
    },
    async close() {
      const closing = pool;
      pool = undefined;
      await closing?.close();
    },
  };
}
