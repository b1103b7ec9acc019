import { PenguinError } from '../errors.js';
import { type Executor, inProcessExecutor } from '../executor/executor.js';
import { createHooks, type EngineHooks } from '../hooks.js';
import type { Plugin, RunEndReason, RunSummary } from '../run-types.js';
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
import { CustomLoop, type ObserveResult } from './custom-loop.js';
import { ExecutorSession, validConcurrency } from './executor-session.js';
import { assertEngineOptions, type EngineOptions, systemClock } from './options.js';
import { PendingCalls } from './pending.js';
import { guardHooks, normalizePlugins, pluginHost, pluginName } from './plugins.js';
import { RunLog } from './run-log.js';
import { RunState } from './run-state.js';
import { schedule } from './scheduler.js';
import { Signal } from './signal.js';
import { startRun } from './start-run.js';
import { runSummary } from './summary.js';
import { cancelDeadline, DEFAULT_TIME_LIMITS, type TimeLimits } from './time-limit.js';
import { TrialRunner } from './trial-runner.js';

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
  private readonly executorSession: ExecutorSession<G>;
  private readonly log: RunLog;
  private readonly runner: TrialRunner<G>;
  private readonly state: RunState<G>;
  private readonly customLoop: CustomLoop<G>;
  private readonly pending = new PendingCalls();
  private started = false;
  private closed = false;
  /** Fires when the run is cancelled (Ctrl-C, the time budget, a failed searcher). */
  private readonly cancelled = new Signal();
  /** Fires when the run is abandoned: `run()` returns at once. */
  private readonly abandoned = new Signal();

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
    // A trainer beside a custom executor is released with it.
    this.executorSession = new ExecutorSession(
      this.executor,
      options.executor && options.trainer,
      this.log,
      this.pending,
    );
    this.hooks = createHooks<G>();
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
      options.keepHistory ?? true,
    );
    this.budget = new BudgetGuard(options.budget ?? {}, this.log, this.state);
    this.customLoop = new CustomLoop(this.state, this.runner, options.space, (trial) => this.endTrial(trial));
    for (const plugin of this.plugins) {
      const host = pluginHost(this.hooks, this.objectives, this.maxEpochs, this.log, pluginName(plugin));
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
    const deadline = cancelDeadline(this.cancelled.fired, this.limits.cancelSeconds);
    const running = this.runToEnd(space, this.executor);
    // Once cancelled, the run ends within cancelSeconds (and a second) even when a searcher call, a hook tap, a
    // trial or the executor hangs: what is still running is left unfinished in the journal, and `resume` trains it
    // again. A late failure of the abandoned work has no one left to tell.
    running.catch(() => undefined);
    const givenUp = Promise.race([deadline.passed, this.abandoned.fired]).then(() => {
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
    this.cancelled.fire();
  }

  /**
   * Ends the run at once, for a process about to exit (a second Ctrl-C, a run that hangs): cancels it, journals
   * `run-ended` and closes the journal (releasing the run directory), waiting for nothing; a pending `run()` returns
   * its summary. Unfinished trials stay unfinished in the journal and `resume` trains them again; afterRun taps
   * still running are not waited for, and the executor is not closed.
   */
  abandon(reason: RunEndReason = 'cancelled'): void {
    this.cancel(reason);
    this.abandoned.fire();
    if (this.started) this.log.end(this.summary(reason));
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
    return this.customLoop.start(genome);
  }

  /** Reports one validation point of a trial trained by your own loop; `stop` says whether to stop training. */
  observe(trialId: string, logs: EpochLogs): Promise<ObserveResult> {
    return this.customLoop.observe(trialId, logs);
  }

  /** Ends a trial trained by your own loop and returns the fitness the searcher would receive. */
  finish(
    trialId: string,
    result: { readonly epochs?: number; readonly error?: unknown } = {},
  ): Promise<Fitness> {
    return this.customLoop.finish(trialId, result);
  }

  /** Ends the run (afterRun, journal closed, executor closed) and returns its summary. Called by `run()` itself. */
  async close(reason: RunEndReason = this.state.cancelReason ?? 'exhausted'): Promise<RunSummary<G>> {
    if (this.closed || !this.started) {
      // An engine that never ran has nothing to journal and no plugin to tell: it only releases the executor.
      if (!this.closed) await this.executorSession.release();
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
    this.log.end(summary);
    await this.executorSession.release();
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

  private async runToEnd(space: SearchSpace<G>, executor: Executor<G>): Promise<RunSummary<G>> {
    await this.ensureStarted();
    const refused = await this.executorSession.prepare(executor, this.options.trainer?.name ?? executor.name);
    if (refused) {
      await this.close('failed');
      throw refused;
    }
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
      await this.executorSession.release();
      throw error;
    });
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

export type { ObserveResult, SearchSpace, TerminateDecision };
