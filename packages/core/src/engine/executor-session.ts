import { describeCause, PenguinError, TrainerError } from '../errors.js';
import type { Executor } from '../executor/executor.js';
import type { Genome, Trainer } from '../types.js';
import type { PendingCalls } from './pending.js';
import type { RunLog } from './run-log.js';

/**
 * The executor's run-wide lifecycle around the trials it trains: attached to the journal and prepared once before
 * the first trial, closed (with a trainer given beside a custom executor) when the run ends. Every call is tracked
 * in `pending`, so a cancelled run can say what it was waiting on.
 */
export class ExecutorSession<G extends Genome> {
  constructor(
    private readonly executor: Executor<G> | undefined,
    /** A trainer given beside a custom executor: released with it. */
    private readonly trainer: Trainer<G> | undefined,
    private readonly log: RunLog,
    private readonly pending: PendingCalls,
  ) {}

  /**
   * Attaches the executor's notices to the journal and prepares it. A rejection is journalled and returned, named
   * after the trainer (a precondition that would fail every trial the same way fails the run once, here).
   */
  async prepare(executor: Executor<G>, trainerName: string): Promise<PenguinError | undefined> {
    executor.attach?.({
      notice: (event) =>
        this.log.write({
          type: 'executor',
          executor: executor.name,
          ...(typeof event.trialId === 'string' ? { trialId: event.trialId } : {}),
          event,
        }),
    });
    if (!executor.prepare) return undefined;
    try {
      await this.pending.track(`executor ${executor.name}: prepare`, executor.prepare());
      return undefined;
    } catch (error) {
      const failure =
        error instanceof PenguinError
          ? error
          : new TrainerError(trainerName, `prepare: ${describeCause(error)}`);
      this.log.error(failure, undefined);
      return failure;
    }
  }

  /** Closes the executor and disposes a trainer given beside a custom executor. */
  async release(): Promise<void> {
    const executor = this.executor;
    if (executor?.close) await this.pending.track(`executor ${executor.name}: close`, executor.close());
    const trainer = this.trainer;
    if (trainer?.dispose) {
      await this.pending.track(`trainer ${trainer.name}: dispose`, Promise.resolve(trainer.dispose()));
    }
  }
}

/** An executor's concurrency hint, if it is a positive integer. */
export function validConcurrency(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}
