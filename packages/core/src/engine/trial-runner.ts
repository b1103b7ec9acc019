import { describeCause, PenguinError, TrainerError } from '../errors.js';
import { EXECUTOR_PROTOCOL, type Executor } from '../executor/executor.js';
import type { EngineHooks } from '../hooks.js';
import type { TrialState } from '../trial/trial-state.js';
import type { EpochLogs, Genome, ObjectiveSpec, Prediction, ReportAnswer, SearchSpace } from '../types.js';
import { assertFitness, measureFitness } from './fitness.js';
import type { PendingCalls } from './pending.js';
import type { RunLog } from './run-log.js';
import { TimeLimitExceeded, withinTime } from './time-limit.js';
import { checkDecision, checkPrediction, sanitizeLogs } from './validate.js';

/** What the runner needs from the run around it. */
export interface TrialRunnerContext<G extends Genome> {
  readonly hooks: EngineHooks<G>;
  readonly objectives: readonly ObjectiveSpec[];
  readonly log: RunLog;
  readonly space: SearchSpace<G> | undefined;
  readonly executor: Executor<G> | undefined;
  /** The trainer's name for errors ('custom loop' without one). */
  readonly trainerName: string;
  readonly now: () => number;
  /** Called after every validation point: the run checks its wall-time budget. */
  readonly afterPoint: () => void;
  /** Whether the run is being cancelled. */
  readonly cancelling: () => boolean;
  readonly pending: PendingCalls;
}

export type EndStatus = 'completed' | 'stopped' | 'failed';

/**
 * Drives one trial through its lifecycle (the per-trial half of the engine, beside the per-run scheduler):
 * static objectives, `trial-started`, onTrialStart, every validation point, fitness, onTrialEnd, `trial-ended`.
 */
export class TrialRunner<G extends Genome = Genome> {
  constructor(private readonly run: TrialRunnerContext<G>) {}

  /** Static objectives of a created trial; a failure is kept in `pendingError` and fails the trial at start. */
  async measureStatic(trial: TrialState<G>): Promise<void> {
    try {
      const fromSpace = this.run.space?.staticObjectives?.(trial.genome) ?? {};
      const fromTrainer = (await this.run.executor?.staticObjectives?.(trial.genome)) ?? {};
      trial.staticObjectives = { ...fromSpace, ...fromTrainer };
    } catch (error) {
      trial.pendingError = new TrainerError(this.run.space ? this.run.trainerName : 'space', error);
    }
  }

  /** created → running: journals `trial-started` (forced to disk when `sync`). */
  start(trial: TrialState<G>, sync: boolean): void {
    trial.moveTo('running');
    trial.status = 'running';
    trial.startedAt = this.run.now();
    this.run.log.write(
      {
        type: 'trial-started',
        trialId: trial.id,
        index: trial.index,
        genome: trial.genome,
        ...(trial.repairedFrom ? { repairedFrom: trial.repairedFrom } : {}),
        ...(trial.repairReason ? { repairReason: trial.repairReason } : {}),
        seed: trial.seed,
        maxEpochs: trial.maxEpochs,
        staticObjectives: trial.staticObjectives,
        attempt: trial.attempt,
      },
      sync,
    );
  }

  /** onTrialStart, unless the trial already failed. */
  async announce(trial: TrialState<G>): Promise<void> {
    if (trial.pendingError) return;
    try {
      await this.run.hooks.onTrialStart.promise(trial.snapshot());
    } catch (error) {
      this.fail(trial, error);
    }
  }

  /**
   * Trains a started trial through the executor, within `limitSeconds`, and ends it; a trial aborted by a
   * cancelled run is left `interrupted` (resume trains it again). Once cancelled, a trial that does not settle
   * within `cancelSeconds` is given up.
   */
  async train(
    trial: TrialState<G>,
    runId: string,
    limits: { trialSeconds: number; cancelSeconds: number },
  ): Promise<void> {
    const executor = this.run.executor as Executor<G>;
    let epochs: number | undefined;
    if (!trial.pendingError && !trial.controller.signal.aborted) {
      const job = {
        protocol: EXECUTOR_PROTOCOL,
        runId,
        trialId: trial.id,
        attempt: trial.attempt,
        genome: trial.genome,
        seed: trial.seed,
        maxEpochs: trial.maxEpochs,
      };
      const context = {
        notice: (event: Readonly<Record<string, unknown>>) =>
          this.run.log.write({ type: 'executor', executor: executor.name, trialId: trial.id, event }),
      };
      try {
        const running = executor.execute(
          job,
          (logs) => this.report(trial, logs),
          trial.controller.signal,
          context,
        );
        const result = await this.run.pending.track(
          `trial ${trial.id} (trainer ${this.run.trainerName})`,
          withinTime(
            settleAfterAbort(running, trial.controller.signal, limits.cancelSeconds),
            limits.trialSeconds,
          ),
        );
        if (result && typeof result.epochs === 'number' && Number.isFinite(result.epochs)) {
          if (result.epochs < 0) {
            const detail = `trial ${trial.id}: expected result.epochs to be 0 or more, got ${result.epochs}`;
            this.fail(trial, new TrainerError(this.run.trainerName, detail));
          } else epochs = result.epochs;
        }
        if (result?.staticObjectives)
          trial.staticObjectives = { ...trial.staticObjectives, ...result.staticObjectives };
        if (result?.info) trial.info = result.info;
      } catch (error) {
        if (error instanceof TimeLimitExceeded) {
          trial.controller.abort();
          const detail = `trial ${trial.id}: no result after ${error.seconds} s (timeLimits.trialSeconds)`;
          this.fail(trial, new TrainerError(this.run.trainerName, detail));
        } else if (!trial.controller.signal.aborted || !this.run.cancelling()) {
          this.fail(
            trial,
            error instanceof PenguinError ? error : new TrainerError(this.run.trainerName, error),
          );
        }
      }
    }
    if (this.run.cancelling() && trial.controller.signal.aborted && !trial.decision && !trial.pendingError) {
      if (trial.phase === 'running') trial.moveTo('stopping');
      trial.moveTo('interrupted');
      trial.status = 'pending';
      return;
    }
    if (epochs !== undefined) trial.epochs = epochs;
    await this.end(trial);
  }

  /** One validation point: journal, onEpochEnd, shouldTerminate. */
  async report(trial: TrialState<G>, raw: EpochLogs): Promise<ReportAnswer> {
    if (trial.phase !== 'running' && trial.phase !== 'stopping') return 'stop';
    if (trial.pendingError || trial.decision) return 'stop';
    const previous = trial.curve[trial.curve.length - 1]?.epoch;
    const checked = sanitizeLogs(raw, previous);
    if (typeof checked === 'string') {
      this.fail(trial, new TrainerError(this.run.trainerName, `trial ${trial.id}: ${checked}`));
      return 'stop';
    }
    trial.curve.push(checked);
    trial.epochs = checked.epoch;
    this.run.log.write({ type: 'epoch', trialId: trial.id, logs: checked });
    const record = (prediction: Prediction) => {
      const valid = checkPrediction(prediction);
      trial.predictions.push(valid);
      this.run.log.write({ type: 'prediction', trialId: trial.id, prediction: valid });
    };
    // At maxEpochs the trial is complete: there is nothing left to save, and its measured value stands.
    const complete = checked.epoch >= trial.maxEpochs - 1e-9;
    try {
      await this.run.hooks.onEpochEnd.promise(trial.view(record), checked);
      const decision = complete
        ? undefined
        : await this.run.hooks.shouldTerminate.promise(trial.view(record));
      if (decision !== undefined) {
        trial.decision = checkDecision(decision);
        if (trial.phase === 'running') trial.moveTo('stopping');
        this.run.log.write({ type: 'decision', trialId: trial.id, decision: trial.decision });
        return 'stop';
      }
    } catch (error) {
      this.fail(trial, error);
      return 'stop';
    }
    this.run.afterPoint();
    if (trial.controller.signal.aborted) return 'stop';
    return complete ? 'stop' : 'continue';
  }

  /** running|stopping → ended: fitness through onFitness, onTrialEnd, `fitness` and `trial-ended` (synced). */
  async end(trial: TrialState<G>): Promise<void> {
    const status: EndStatus = trial.pendingError ? 'failed' : trial.decision ? 'stopped' : 'completed';
    trial.moveTo('ended');
    const { hooks, objectives, log } = this.run;
    trial.status = status;
    trial.seconds = (this.run.now() - trial.startedAt) / 1000;
    if (status === 'failed') trial.error = describeCause(trial.pendingError ?? 'failed');
    let fitness = measureFitness(objectives, trial.curve, trial.staticObjectives, status === 'failed');
    try {
      const piped = await hooks.onFitness.promise(fitness, trial.snapshot());
      fitness = assertFitness(objectives, piped, 'onFitness');
    } catch (error) {
      log.error(error, trial.id);
      trial.status = 'failed';
      trial.error = describeCause(error);
      fitness = measureFitness(objectives, trial.curve, trial.staticObjectives, true);
    }
    trial.fitness = fitness;
    try {
      await hooks.onTrialEnd.promise(trial.snapshot());
    } catch (error) {
      log.error(error, trial.id);
      if (trial.status !== 'failed') {
        trial.status = 'failed';
        trial.error = describeCause(error);
        trial.fitness = measureFitness(objectives, trial.curve, trial.staticObjectives, true);
      }
    }
    log.write({ type: 'fitness', trialId: trial.id, fitness: trial.fitness });
    log.write(
      {
        type: 'trial-ended',
        trialId: trial.id,
        status: trial.status as EndStatus,
        cost: { epochs: trial.epochs, seconds: trial.seconds },
        ...(trial.error !== undefined ? { error: trial.error } : {}),
        ...(trial.info !== undefined ? { info: trial.info } : {}),
      },
      true,
    );
  }

  /** Keeps the error of a trial (it fails the trial when training returns) and journals it. */
  fail(trial: TrialState<G>, error: unknown): void {
    trial.pendingError = error as Error;
    if (trial.phase === 'running') trial.moveTo('stopping');
    this.run.log.error(error, trial.id);
  }
}

/** Settles like `promise`, or, once `signal` aborts, `seconds` later at the latest (rejecting with the abort). */
function settleAfterAbort<T>(promise: Promise<T>, signal: AbortSignal, seconds: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const givenUp = new Promise<never>((_, reject) => {
    const start = () => {
      timer = setTimeout(
        () => reject(new Error(`did not stop within ${seconds} s of the cancel`)),
        seconds * 1000,
      );
    };
    if (signal.aborted) start();
    else signal.addEventListener('abort', start, { once: true });
  });
  return Promise.race([promise, givenUp]).finally(() => clearTimeout(timer));
}
