/**
 * The executor: the seam between the engine and whatever trains trials (DESIGN §7). The engine hands an executor
 * plain-JSON trial jobs and answers plain-JSON epoch logs with 'continue' or 'stop'; the executor decides where the
 * training happens — in this thread (`inProcessExecutor`), in worker threads (`@penguin-nas/tfjs`'s pool), or on
 * other machines (`@penguin-nas/queue`). The engine never knows which.
 */
import type { EpochLogs, Genome, ReportAnswer, Trainer, TrainResult } from '../types.js';

/** The version of the job/epoch/answer/result messages; bumped on any incompatible change. */
export const EXECUTOR_PROTOCOL = 1 as const;

/** One trial to train, as plain JSON: it can cross a thread, a process or a network unchanged. */
export interface TrialJob<G extends Genome = Genome> {
  readonly protocol: typeof EXECUTOR_PROTOCOL;
  readonly runId: string;
  readonly trialId: string;
  /** 1 on the first launch of the trial; one more on every relaunch (resume, a lost worker). */
  readonly attempt: number;
  readonly genome: G;
  readonly seed: number;
  /** Train up to this many epochs. */
  readonly maxEpochs: number;
}

/** What the executor calls after each validation point; the answer says whether to train further. */
export type EpochReport = (logs: EpochLogs) => Promise<ReportAnswer>;

/** What the engine offers an executor besides the job (optional to use; new fields stay optional). */
export interface ExecutionContext {
  /**
   * Journals a plain-JSON notice about the trial (a stale result from an old attempt, a lost worker…) as an
   * `executor` event naming the executor and the trial.
   */
  notice(event: Readonly<Record<string, unknown>>): void;
}

/** What the engine lends an executor for the whole run: notices not tied to one running trial. */
export interface ExecutorHost {
  /**
   * Journals a plain-JSON notice (a garbled message, a result for no running trial…) as an `executor` event naming
   * the executor (and the trial when the event has a `trialId`).
   */
  notice(event: Readonly<Record<string, unknown>>): void;
}

export interface Executor<G extends Genome = Genome> {
  readonly name: string;
  /** Called once, before `prepare`, with the engine's run-wide notice writer. */
  attach?(host: ExecutorHost): void;
  /** Trials it trains at once; the engine keeps this many running. */
  readonly concurrency: number;
  /**
   * Checks, once before the first trial, what every trial needs (dataset present, backend usable…). A rejection
   * fails the run once with its message instead of failing every trial the same way.
   */
  prepare?(): Promise<void>;
  /** Objectives known before training, without training (parameter count…). */
  staticObjectives?(genome: G): Readonly<Record<string, number>> | Promise<Readonly<Record<string, number>>>;
  /**
   * Trains one trial, calling `report` after each validation point and stopping when it answers 'stop'. `signal`
   * aborts when the run is cancelled or the trial's time limit passed: stop as soon as possible. Rejects when the
   * trial failed. `context` (always passed by the engine) journals notices.
   */
  execute(
    job: TrialJob<G>,
    report: EpochReport,
    signal: AbortSignal,
    context?: ExecutionContext,
  ): Promise<TrainResult>;
  /** Releases workers, connections… once the run is over. */
  close?(): Promise<void>;
}

/** Runs each trial with `trainer` in this thread: the default executor. */
export function inProcessExecutor<G extends Genome>(
  trainer: Trainer<G>,
  options: { readonly concurrency?: number } = {},
): Executor<G> {
  const executor: Executor<G> = {
    name: `in-process(${trainer.name})`,
    concurrency: options.concurrency ?? trainer.concurrency ?? 1,
    execute: (job, report, signal) =>
      trainer.train(
        {
          id: job.trialId,
          genome: job.genome,
          seed: job.seed,
          maxEpochs: job.maxEpochs,
          signal,
          runId: job.runId,
          attempt: job.attempt,
        },
        report,
      ),
    close: async () => {
      await trainer.dispose?.();
    },
  };
  const { prepare, staticObjectives } = trainer;
  return {
    ...executor,
    ...(prepare && { prepare: () => prepare.call(trainer) }),
    ...(staticObjectives && { staticObjectives: (genome: G) => staticObjectives.call(trainer, genome) }),
  };
}
