import { describeCause, PenguinError, TrainerError } from '../errors.js';
import { type Executor, inProcessExecutor } from '../executor/executor.js';
import { createHooks, type EngineHooks } from '../hooks.js';
import type { Plugin, PluginEvent, PluginHost, RunEndReason, RunSummary } from '../run-types.js';
import type { TrialState } from '../trial/trial-state.js';
import type {
  Clock,
  EpochLogs,
  Fitness,
  Genome,
  ObjectiveSpec,
  SearchSpace,
  TerminateDecision,
  TrialSnapshot,
} from '../types.js';
import { BudgetGuard } from './budget.js';
import { assertEngineOptions, type EngineOptions, systemClock } from './options.js';
import { PendingCalls } from './pending.js';
import { guardHooks, normalizePlugins, pluginName } from './plugins.js';
import { RunLog } from './run-log.js';
import { RunState } from './run-state.js';
import { schedule } from './scheduler.js';
import { startRun } from './start-run.js';
import { runSummary } from './summary.js';
import { cancelDeadline, DEFAULT_TIME_LIMITS, type TimeLimits } from './time-limit.js';
import { TrialRunner } from './trial-runner.js';

/** What `observe` answers to a loop that trains by itself. */
export interface ObserveResult {
  readonly stop: boolean;
  readonly reason?: string;
  /** The latest prediction of the trial's learned objective, if any. */
  readonly prediction?: number;
}

/**
 * The run: a scheduler that asks the searcher for genomes, launches them on the executor within the budget and
 * cancels them on request. Each trial is a `TrialState` driven through its lifecycle by the `TrialRunner`; the
 * searcher sits behind a `SearcherGuard`; every transition is journalled by the `RunLog`.
 */
export class Engine<G extends Genome = Genome> {
  /** Every hook of the run (see the hooks table in the README). */
  readonly hooks: EngineHooks<G>;
  readonly objectives: readonly ObjectiveSpec[];
  readonly maxEpochs: number;
  readonly seed: number;

  private readonly options: EngineOptions<G>;
  private readonly clock: Clock;
  private readonly plugins: Plugin<G>[];
  private readonly budget: BudgetGuard;
  private readonly concurrency: number;
  private readonly limits: Required<TimeLimits>;
  private readonly executor: Executor<G> | undefined;
  private readonly log: RunLog;
  private readonly runner: TrialRunner<G>;
  private readonly state: RunState<G>;
  private readonly pending = new PendingCalls();
  private started = false;
  private closed = false;
  /** Resolves when the run is cancelled (Ctrl-C, the time budget, a failed searcher). */
  private readonly cancelled: Promise<void>;
  private onCancelled: () => void = () => undefined;
  /** Resolves when the run is abandoned: `run()` returns at once. */
  private readonly abandoned: Promise<void>;
  private onAbandoned: () => void = () => undefined;
  private journalEnded = false;

  constructor(options: EngineOptions<G>) {
    assertEngineOptions(options);
    this.options = options;
    this.objectives = options.objectives;
    this.maxEpochs = options.maxEpochs;
    this.seed = options.seed ?? 0;
    this.clock = options.clock ?? systemClock;
    this.limits = { ...DEFAULT_TIME_LIMITS, ...options.timeLimits };
    this.executor = options.executor ?? (options.trainer ? inProcessExecutor(options.trainer) : undefined);
    this.concurrency = options.concurrency ?? validConcurrency(this.executor?.concurrency) ?? 1;
    this.log = new RunLog(this.clock);
    this.hooks = createHooks<G>();
    this.cancelled = new Promise((resolve) => {
      this.onCancelled = resolve;
    });
    this.abandoned = new Promise((resolve) => {
      this.onAbandoned = resolve;
    });
    guardHooks(this.hooks, () => this.started, options.hookTimeouts, this.pending);
    this.plugins = normalizePlugins(options.plugins);
    this.runner = new TrialRunner<G>({
      hooks: this.hooks,
      objectives: this.objectives,
      log: this.log,
      space: options.space,
      executor: this.executor,
      trainerName: options.trainer?.name ?? this.executor?.name ?? 'custom loop',
      now: () => this.clock.now(),
      afterPoint: () => {
        if (this.budget.timeSpent()) this.cancel('budget');
      },
      cancelling: () => this.state.cancelReason !== undefined,
      pending: this.pending,
    });
    this.state = new RunState<G>(
      options.runId ?? `run-${this.seed}`,
      this.seed,
      this.maxEpochs,
      this.runner,
      this.log,
    );
    this.budget = new BudgetGuard(options.budget ?? {}, this.log, this.state);
    for (const plugin of this.plugins) {
      const host = this.hostFor(pluginName(plugin));
      if (typeof plugin === 'function') plugin(host);
      else plugin.apply(host);
    }
  }

  // ------------------------------------------------------------------ managed mode

  /** Runs the search until the budget is spent, the searcher is exhausted, or `cancel()` is called. */
  async run(): Promise<RunSummary<G>> {
    const { space, searcher } = this.options;
    if (!space || !searcher || !this.executor) {
      throw new PenguinError(
        'CONFIG_ERROR',
        'engine.run(): expected space, searcher and trainer (or executor) options (or use startTrial/observe/finish)',
      );
    }
    const deadline = cancelDeadline(this.cancelled, this.limits.cancelSeconds);
    const running = this.runToEnd(space, this.executor);
    // Once cancelled, the run ends within cancelSeconds (and a second) even when a searcher call, a hook tap, a
    // trial or the executor hangs: what is still running is left unfinished in the journal, and `resume` trains it
    // again. A late failure of the abandoned work has no one left to tell.
    running.catch(() => undefined);
    const givenUp = Promise.race([deadline.passed, this.abandoned]).then(() => {
      const reason = this.state.cancelReason ?? 'cancelled';
      this.abandon(reason);
      return this.summary(reason);
    });
    try {
      return await Promise.race([running, givenUp]);
    } finally {
      deadline.clear();
    }
  }

  /** Stops the run: running trials are aborted (and re-run by `resume`), no new trial starts. */
  cancel(reason: RunEndReason = 'cancelled'): void {
    this.state.cancel(reason);
    this.onCancelled();
  }

  /**
   * Ends the run at once, for a process about to exit (a second Ctrl-C, a run that hangs): cancels it, journals
   * `run-ended` and closes the journal (releasing the run directory), waiting for nothing; a pending `run()` returns
   * its summary. Unfinished trials stay unfinished in the journal and `resume` trains them again; afterRun taps
   * still running are not waited for, and the executor is not closed.
   */
  abandon(reason: RunEndReason = 'cancelled'): void {
    this.cancel(reason);
    this.onAbandoned();
    if (this.started) this.endJournal(this.summary(reason));
    this.closed = true;
  }

  /** The calls into user code the run is waiting on now (hook taps, searcher calls, trials, the executor). */
  waitingOn(): string[] {
    return this.pending.list();
  }

  // ------------------------------------------------------------------ bring your own loop

  /** Registers a trial trained by your own loop. */
  async startTrial(genome: G): Promise<{ readonly id: string; readonly seed: number }> {
    await this.ensureStarted();
    const trial = this.state.create(genome, this.options.space);
    await this.runner.measureStatic(trial);
    this.runner.start(trial, false);
    await this.runner.announce(trial);
    if (trial.pendingError) await this.endTrial(trial);
    return { id: trial.id, seed: trial.seed };
  }

  /** Reports one validation point of a trial trained by your own loop; `stop` says whether to stop training. */
  async observe(trialId: string, logs: EpochLogs): Promise<ObserveResult> {
    const trial = this.state.trialOf(trialId, 'observe');
    if (trial.finished) return { stop: true, reason: `trial ${trialId} has already finished` };
    const answer = await this.runner.report(trial, logs);
    const prediction = trial.latestPrediction();
    const result: { stop: boolean; reason?: string; prediction?: number } = { stop: answer === 'stop' };
    if (trial.decision) result.reason = trial.decision.reason;
    else if (trial.pendingError) result.reason = trial.pendingError.message;
    if (prediction !== undefined) result.prediction = prediction;
    return result;
  }

  /** Ends a trial trained by your own loop and returns the fitness the searcher would receive. */
  async finish(
    trialId: string,
    result: { readonly epochs?: number; readonly error?: unknown } = {},
  ): Promise<Fitness> {
    const trial = this.state.trialOf(trialId, 'finish');
    if (!trial.finished) {
      if (result.epochs !== undefined && Number.isFinite(result.epochs)) trial.epochs = result.epochs;
      if (result.error !== undefined) trial.pendingError = new TrainerError('custom loop', result.error);
      await this.endTrial(trial);
    }
    return trial.fitness as Fitness;
  }

  /** Ends the run (afterRun, journal closed, executor closed) and returns its summary. Called by `run()` itself. */
  async close(reason: RunEndReason = this.state.cancelReason ?? 'exhausted'): Promise<RunSummary<G>> {
    if (this.closed || !this.started) {
      // An engine that never ran has nothing to journal and no plugin to tell: it only releases the executor.
      if (!this.closed) await this.releaseExecutor();
      this.closed = true;
      return this.summary(reason);
    }
    this.closed = true;
    const summary = this.summary(reason);
    try {
      await this.hooks.afterRun.promise(summary);
    } catch (error) {
      this.log.error(error, undefined);
    }
    this.endJournal(summary);
    await this.releaseExecutor();
    return summary;
  }

  /** Snapshots of every trial so far, in start order. */
  get trialSnapshots(): TrialSnapshot<G>[] {
    return this.state.snapshots();
  }

  /** The run directory, when journalled. */
  get dir(): string | undefined {
    return this.options.dir;
  }

  // ------------------------------------------------------------------ internals

  /** Journals `run-ended` and closes the journal, once. */
  private endJournal(summary: RunSummary<G>): void {
    if (this.journalEnded) return;
    this.journalEnded = true;
    this.log.write(
      {
        type: 'run-ended',
        reason: summary.reason,
        trials: summary.trials.length,
        epochs: summary.epochs,
        seconds: summary.seconds,
      },
      true,
    );
    this.log.close();
  }

  private async runToEnd(space: SearchSpace<G>, executor: Executor<G>): Promise<RunSummary<G>> {
    await this.ensureStarted();
    await this.prepareExecutor(executor);
    let reason: RunEndReason;
    try {
      reason = await schedule({
        space,
        state: this.state,
        runner: this.runner,
        budget: this.budget,
        concurrency: this.concurrency,
        train: (trial) => this.trainTrial(trial),
      });
    } catch (error) {
      // A searcher that fails ends the run; its trials have settled: close the journal properly.
      await this.close('failed');
      throw error;
    }
    return this.close(reason);
  }

  private async ensureStarted(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await startRun<G>({
      options: this.options,
      log: this.log,
      hooks: this.hooks,
      plugins: this.plugins,
      state: this.state,
      concurrency: this.concurrency,
      searcherSeconds: this.limits.searcherSeconds,
      pending: this.pending,
    }).catch(async (error: unknown) => {
      // A run that cannot start (a beforeRun tap, the searcher factory, a refused resume) journals why, then
      // releases the run directory's lock and the executor, so the next `run` or `resume` is not refused.
      if (this.log.journalled) this.log.error(error, undefined);
      this.log.close();
      this.closed = true;
      await this.releaseExecutor();
      throw error;
    });
  }

  /** Once before the first trial: a rejection fails the run with its message, not every trial the same way. */
  private async prepareExecutor(executor: Executor<G>): Promise<void> {
    executor.attach?.({
      notice: (event) =>
        this.log.write({
          type: 'executor',
          executor: executor.name,
          ...(typeof event.trialId === 'string' ? { trialId: event.trialId } : {}),
          event,
        }),
    });
    if (!executor.prepare) return;
    try {
      await this.pending.track(`executor ${executor.name}: prepare`, executor.prepare());
    } catch (error) {
      const failure =
        error instanceof PenguinError
          ? error
          : new TrainerError(this.options.trainer?.name ?? executor.name, `prepare: ${describeCause(error)}`);
      this.log.error(failure, undefined);
      await this.close('failed');
      throw failure;
    }
  }

  private async trainTrial(trial: TrialState<G>): Promise<void> {
    await this.runner.announce(trial);
    await this.runner.train(trial, this.state.runId, this.limits);
    if (trial.phase === 'ended') await this.state.tell(trial);
  }

  private async endTrial(trial: TrialState<G>): Promise<void> {
    await this.runner.end(trial);
    await this.state.tell(trial);
  }

  private async releaseExecutor(): Promise<void> {
    const executor = this.executor;
    if (executor?.close) await this.pending.track(`executor ${executor.name}: close`, executor.close());
    // A trainer beside a custom executor is released too.
    const trainer = this.options.executor && this.options.trainer;
    if (trainer?.dispose) {
      await this.pending.track(`trainer ${trainer.name}: dispose`, Promise.resolve(trainer.dispose()));
    }
  }

  private hostFor(name: string): PluginHost<G> {
    return {
      hooks: this.hooks,
      objectives: this.objectives,
      maxEpochs: this.maxEpochs,
      log: (event: PluginEvent) => this.log.write({ type: 'plugin', plugin: name, event }),
    };
  }

  private summary(reason: RunEndReason): RunSummary<G> {
    return runSummary(
      this.state.runId,
      reason,
      this.trialSnapshots,
      this.objectives,
      this.log.elapsedMs() / 1000,
    );
  }
}

/** An executor's concurrency hint, if it is a positive integer. */
function validConcurrency(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

export type { SearchSpace, TerminateDecision };
