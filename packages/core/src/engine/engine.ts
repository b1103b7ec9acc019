import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeCause, PenguinError, SearcherError, TrainerError } from '../errors.js';
import { EXECUTOR_PROTOCOL } from '../executor/executor.js';
import { createHooks, type EngineHooks } from '../hooks.js';
import type { Checkpoint, JournalEvent } from '../journal/events.js';
import { EVENTS_FILE, Journal } from '../journal/journal.js';
import { createRng } from '../rng.js';
import type {
  Budget,
  Plugin,
  PluginEvent,
  PluginHost,
  RunContext,
  RunEndReason,
  RunSummary,
} from '../run-types.js';
import type {
  Clock,
  EpochLogs,
  FinishedTrial,
  Fitness,
  Genome,
  ObjectiveSpec,
  Prediction,
  ReportAnswer,
  Searcher,
  SearchSpace,
  TerminateDecision,
  Trainer,
  TrialSnapshot,
} from '../types.js';
import { assertFitness, isBetter, measureFitness } from './fitness.js';
import { assertEngineOptions, type EngineOptions, systemClock, trialSeed } from './options.js';
import { guardHooks, normalizePlugins, pluginName } from './plugins.js';
import { loadResumeState, type ResumeState } from './resume.js';
import { TrialState } from './trial-state.js';
import { checkDecision, checkPrediction, sanitizeLogs } from './validate.js';

/** What `observe` answers to a loop that trains by itself. */
export interface ObserveResult {
  readonly stop: boolean;
  readonly reason?: string;
  /** The latest prediction of the trial's learned objective, if any. */
  readonly prediction?: number;
}

/**
 * The run loop. It asks the searcher for genomes, trains them through the trainer, lets plugins observe every
 * validation point and stop trials, and tells the searcher the (possibly predicted) fitness.
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
  private readonly budget: Budget;
  private readonly concurrency: number;
  private readonly trials = new Map<string, TrialState<G>>();
  private readonly told: string[] = [];
  private searcher: Searcher<G> | undefined;
  private journal: Journal | undefined;
  private runId: string;
  private started = false;
  private closed = false;
  private startedAt = 0;
  private elapsedBefore = 0;
  private nextIndex = 0;
  private cancelReason: RunEndReason | undefined;
  private restarts: TrialState<G>[] = [];
  private resumeState: ResumeState<G> | undefined;

  constructor(options: EngineOptions<G>) {
    assertEngineOptions(options);
    this.options = options;
    this.objectives = options.objectives;
    this.maxEpochs = options.maxEpochs;
    this.seed = options.seed ?? 0;
    this.clock = options.clock ?? systemClock;
    this.budget = options.budget ?? {};
    this.concurrency = options.concurrency ?? validConcurrency(options.trainer?.concurrency) ?? 1;
    this.runId = options.runId ?? `run-${this.seed}`;
    this.hooks = createHooks<G>();
    guardHooks(this.hooks, () => this.started);
    this.plugins = normalizePlugins(options.plugins);
    for (const plugin of this.plugins) {
      const host = this.hostFor(pluginName(plugin));
      if (typeof plugin === 'function') plugin(host);
      else plugin.apply(host);
    }
  }

  // ------------------------------------------------------------------ managed mode

  /** Runs the search until the budget is spent, the searcher is exhausted, or `cancel()` is called. */
  async run(): Promise<RunSummary<G>> {
    const { space, trainer } = this.options;
    if (!space || !this.options.searcher || !trainer) {
      throw new PenguinError(
        'CONFIG_ERROR',
        'engine.run(): expected space, searcher and trainer options (or use startTrial/observe/finish)',
      );
    }
    const { executor } = this.options;
    if (executor && !this.started) {
      executor.attach?.({
        log: (event) => this.write({ type: 'plugin', plugin: `executor:${executor.name}`, event }),
      });
      await executor.prepare?.();
    }
    await this.ensureStarted();
    const active = new Map<string, Promise<void>>();
    let reason: RunEndReason | undefined;
    const launch = (trial: TrialState<G>) => {
      const done = this.trainTrial(trial, trainer).finally(() => active.delete(trial.id));
      active.set(trial.id, done);
    };
    try {
      while (true) {
        if (this.cancelReason) reason = this.cancelReason;
        else if (this.budgetSpent()) reason = 'budget';
        if (!reason) {
          while (this.restarts.length > 0 && active.size < this.concurrency)
            launch(this.restarts.shift() as TrialState<G>);
          const free = Math.min(this.concurrency - active.size, this.trialsLeft());
          if (free > 0 && this.restarts.length === 0) {
            const genomes = await this.ask(free, space);
            for (const trial of genomes.map((g) => this.createTrial(g, space))) launch(trial);
            if (genomes.length > 0) this.writeCheckpoint();
            else if (active.size === 0) reason = 'exhausted';
          }
        }
        if (active.size === 0) {
          reason ??= this.cancelReason ?? (this.budgetSpent() ? 'budget' : 'exhausted');
          break;
        }
        await Promise.race(active.values());
      }
    } catch (error) {
      // A searcher that fails ends the run: let running trials settle, then close the journal properly.
      await Promise.allSettled(active.values());
      await this.close('failed');
      throw error;
    } finally {
      // Let running trials settle (they are aborted when cancelled) so the journal stays complete.
      await Promise.allSettled(active.values());
    }
    return this.close(reason);
  }

  /** Stops the run: running trials are aborted (and re-run by `resume`), no new trial starts. */
  cancel(reason: RunEndReason = 'cancelled'): void {
    if (this.cancelReason) return;
    this.cancelReason = reason;
    for (const trial of this.trials.values()) if (!trial.finished) trial.controller.abort();
  }

  // ------------------------------------------------------------------ bring your own loop

  /** Registers a trial trained by your own loop. */
  async startTrial(genome: G): Promise<{ readonly id: string; readonly seed: number }> {
    await this.ensureStarted();
    const trial = this.createTrial(genome, this.options.space);
    await this.beginTrial(trial);
    if (trial.pendingError) await this.endTrial(trial, 'failed');
    return { id: trial.id, seed: trial.seed };
  }

  /** Reports one validation point of a trial trained by your own loop; `stop` says whether to stop training. */
  async observe(trialId: string, logs: EpochLogs): Promise<ObserveResult> {
    const trial = this.trialOf(trialId, 'observe');
    if (trial.finished) return { stop: true, reason: `trial ${trialId} has already finished` };
    const answer = await this.report(trial, logs);
    const prediction = this.latestPrediction(trial);
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
    const trial = this.trialOf(trialId, 'finish');
    if (!trial.finished) {
      if (result.epochs !== undefined && Number.isFinite(result.epochs)) trial.epochs = result.epochs;
      if (result.error !== undefined) trial.pendingError = new TrainerError('custom loop', result.error);
      await this.endTrial(trial, trial.pendingError ? 'failed' : trial.decision ? 'stopped' : 'completed');
    }
    return trial.fitness as Fitness;
  }

  /** Ends the run (afterRun, journal closed) and returns its summary. Called by `run()` itself. */
  async close(reason: RunEndReason = this.cancelReason ?? 'exhausted'): Promise<RunSummary<G>> {
    await this.ensureStarted();
    if (this.closed) return this.summary(reason);
    this.closed = true;
    const summary = this.summary(reason);
    try {
      await this.hooks.afterRun.promise(summary);
    } catch (error) {
      this.logError(error, undefined);
    }
    this.write(
      {
        type: 'run-ended',
        reason,
        trials: summary.trials.length,
        epochs: summary.epochs,
        seconds: summary.seconds,
      },
      true,
    );
    this.journal?.close();
    await this.options.executor?.close?.();
    await this.options.trainer?.dispose?.();
    return summary;
  }

  /** Snapshots of every trial so far, in start order. */
  get trialSnapshots(): TrialSnapshot<G>[] {
    return [...this.trials.values()].sort((a, b) => a.index - b.index).map((t) => t.snapshot());
  }

  /** The run directory, when journalled. */
  get dir(): string | undefined {
    return this.options.dir;
  }

  // ------------------------------------------------------------------ internals: lifecycle

  private async ensureStarted(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.startedAt = this.clock.now();
    const { dir, resume } = this.options;
    if (dir) {
      if (resume) {
        this.resumeState = loadResumeState<G>(dir);
        this.runId = this.resumeState.runId;
        this.elapsedBefore = this.resumeState.elapsedMs;
      } else if (existsSync(join(dir, EVENTS_FILE)) && statSync(join(dir, EVENTS_FILE)).size > 0) {
        throw new PenguinError(
          'JOURNAL_ERROR',
          `${dir}: already holds a run (${EVENTS_FILE}); resume it with \`penguin resume ${dir}\` or choose another --out directory`,
        );
      }
      this.journal = Journal.open(dir);
      if (!resume)
        this.journal.writeConfig(
          this.options.config ?? {
            seed: this.seed,
            maxEpochs: this.maxEpochs,
            objectives: this.objectives,
            budget: this.budget,
          },
        );
    }
    const event: JournalEvent = {
      type: 'run-started',
      t: 0,
      runId: this.runId,
      seed: this.seed,
      resumed: Boolean(resume),
      maxEpochs: this.maxEpochs,
      objectives: this.objectives,
      ...(this.options.info ? { info: this.options.info } : {}),
    };
    this.write(event, true);
    const context: RunContext = {
      runId: this.runId,
      seed: this.seed,
      objectives: this.objectives,
      maxEpochs: this.maxEpochs,
      budget: this.budget,
      concurrency: this.concurrency,
      resumed: Boolean(resume),
      ...(dir ? { dir } : {}),
    };
    await this.hooks.beforeRun.promise(context);
    this.createSearcher();
    if (this.resumeState) await this.applyResume(this.resumeState);
  }

  private createSearcher(): void {
    const { searcher, space } = this.options;
    if (!searcher || !space) return;
    if (typeof searcher === 'function') {
      const rng = createRng(this.seed).fork('searcher');
      try {
        this.searcher = searcher({ space, rng, objectives: this.objectives });
      } catch (error) {
        throw new SearcherError(searcher.name || 'factory', 'create', error);
      }
    } else {
      this.searcher = searcher;
    }
    const s = this.searcher;
    if (!s || typeof s.ask !== 'function' || typeof s.tell !== 'function') {
      throw new SearcherError(
        String((s as { name?: unknown } | undefined)?.name ?? 'unknown'),
        'create',
        'expected an object with ask(n) and tell(trial, fitness)',
      );
    }
  }

  private async applyResume(state: ResumeState<G>): Promise<void> {
    const { checkpoint } = state;
    for (const trial of state.finished) this.trials.set(trial.id, trial);
    for (const trial of state.unfinished) this.trials.set(trial.id, trial);
    this.nextIndex = checkpoint?.nextIndex ?? 0;
    this.told.push(...(checkpoint?.told ?? []));
    if (checkpoint) {
      if (checkpoint.searcher !== undefined && this.searcher?.restore)
        this.searcher.restore(checkpoint.searcher);
      for (const plugin of this.plugins) {
        if (typeof plugin === 'function' || !plugin.restore) continue;
        const saved = checkpoint.plugins[plugin.name];
        if (saved !== undefined) plugin.restore(saved);
      }
    }
    // Trials that ended after the last checkpoint: their plugins' onTrialEnd and the searcher's tell happen now.
    const toldSet = new Set(this.told);
    for (const trial of state.finished) {
      if (toldSet.has(trial.id)) continue;
      try {
        await this.hooks.onTrialEnd.promise(trial.snapshot());
      } catch (error) {
        this.logError(error, trial.id);
      }
      await this.tell(trial);
    }
    this.restarts = [...state.unfinished];
    this.writeCheckpoint();
  }

  // ------------------------------------------------------------------ internals: trials

  private createTrial(genome: G, space: SearchSpace<G> | undefined): TrialState<G> {
    let finalGenome = genome;
    let repairedFrom: Genome | undefined;
    let repairReason: string | undefined;
    if (space) {
      const repair = space.repair(genome);
      finalGenome = repair.genome;
      if (repair.repaired) {
        repairedFrom = repair.repaired.from;
        repairReason = repair.repaired.reason;
      }
    }
    const index = this.nextIndex++;
    const trial = new TrialState<G>(
      `t${index}`,
      index,
      finalGenome,
      trialSeed(this.seed, index),
      this.maxEpochs,
      repairedFrom,
    );
    trial.repairReason = repairReason;
    this.trials.set(trial.id, trial);
    return trial;
  }

  /** Static objectives, journal, onTrialStart. A failure is kept in `pendingError`. */
  private async beginTrial(trial: TrialState<G>): Promise<void> {
    trial.status = 'running';
    trial.startedAt = this.clock.now();
    try {
      const fromSpace = this.options.space?.staticObjectives?.(trial.genome) ?? {};
      const fromTrainer = (await this.options.trainer?.staticObjectives?.(trial.genome)) ?? {};
      trial.staticObjectives = { ...fromSpace, ...fromTrainer };
    } catch (error) {
      trial.pendingError = new TrainerError(this.options.trainer?.name ?? 'space', error);
    }
    const repairReason = trial.repairReason;
    this.write({
      type: 'trial-started',
      trialId: trial.id,
      index: trial.index,
      genome: trial.genome,
      ...(trial.repairedFrom ? { repairedFrom: trial.repairedFrom } : {}),
      ...(repairReason ? { repairReason } : {}),
      seed: trial.seed,
      maxEpochs: trial.maxEpochs,
      staticObjectives: trial.staticObjectives,
    });
    if (trial.pendingError) return;
    try {
      await this.hooks.onTrialStart.promise(trial.snapshot());
    } catch (error) {
      trial.pendingError = error as Error;
      this.logError(error, trial.id);
    }
  }

  private async trainTrial(trial: TrialState<G>, trainer: Trainer<G>): Promise<void> {
    await this.beginTrial(trial);
    let epochs: number | undefined;
    if (!trial.pendingError) {
      try {
        const report = (logs: EpochLogs) => this.report(trial, logs);
        const { executor } = this.options;
        const result = executor
          ? await executor.execute(
              {
                protocol: EXECUTOR_PROTOCOL,
                runId: this.runId,
                trialId: trial.id,
                attempt: 1,
                genome: trial.genome,
                seed: trial.seed,
                maxEpochs: trial.maxEpochs,
              },
              report,
              trial.controller.signal,
            )
          : await trainer.train(
              {
                id: trial.id,
                genome: trial.genome,
                seed: trial.seed,
                maxEpochs: trial.maxEpochs,
                signal: trial.controller.signal,
              },
              report,
            );
        if (result && typeof result.epochs === 'number' && Number.isFinite(result.epochs))
          epochs = result.epochs;
        if (result?.staticObjectives)
          trial.staticObjectives = { ...trial.staticObjectives, ...result.staticObjectives };
        if (result?.info) trial.info = result.info;
      } catch (error) {
        if (!trial.controller.signal.aborted || !this.cancelReason) {
          trial.pendingError = error instanceof PenguinError ? error : new TrainerError(trainer.name, error);
          this.logError(trial.pendingError, trial.id);
        }
      }
    }
    if (this.cancelReason && trial.controller.signal.aborted && !trial.decision && !trial.pendingError) {
      trial.status = 'pending'; // interrupted: `resume` trains it again
      return;
    }
    if (epochs !== undefined) trial.epochs = epochs;
    await this.endTrial(trial, trial.pendingError ? 'failed' : trial.decision ? 'stopped' : 'completed');
  }

  /** One validation point: journal, onEpochEnd, shouldTerminate. */
  private async report(trial: TrialState<G>, raw: EpochLogs): Promise<ReportAnswer> {
    if (trial.finished || trial.pendingError || trial.decision) return 'stop';
    const previous = trial.curve[trial.curve.length - 1]?.epoch;
    const checked = sanitizeLogs(raw, previous);
    if (typeof checked === 'string') {
      trial.pendingError = new TrainerError(
        this.options.trainer?.name ?? 'custom loop',
        `trial ${trial.id}: ${checked}`,
      );
      this.logError(trial.pendingError, trial.id);
      return 'stop';
    }
    trial.curve.push(checked);
    trial.epochs = checked.epoch;
    this.write({ type: 'epoch', trialId: trial.id, logs: checked });
    const record = (prediction: Prediction) => this.recordPrediction(trial, prediction);
    // At maxEpochs the trial is complete: there is nothing left to save, and its measured value stands.
    const complete = checked.epoch >= trial.maxEpochs - 1e-9;
    try {
      await this.hooks.onEpochEnd.promise(trial.view(record), checked);
      const decision = complete ? undefined : await this.hooks.shouldTerminate.promise(trial.view(record));
      if (decision !== undefined) {
        trial.decision = checkDecision(decision);
        this.write({ type: 'decision', trialId: trial.id, decision: trial.decision });
        return 'stop';
      }
    } catch (error) {
      trial.pendingError = error as Error;
      this.logError(error, trial.id);
      return 'stop';
    }
    if (this.budget.seconds !== undefined && this.elapsedMs() / 1000 >= this.budget.seconds)
      this.cancel('budget');
    if (trial.controller.signal.aborted) return 'stop';
    return complete ? 'stop' : 'continue';
  }

  private recordPrediction(trial: TrialState<G>, prediction: Prediction): void {
    const checked = checkPrediction(prediction);
    trial.predictions.push(checked);
    this.write({ type: 'prediction', trialId: trial.id, prediction: checked });
  }

  /** Fitness through onFitness, onTrialEnd, journal (synced), tell, checkpoint. */
  private async endTrial(trial: TrialState<G>, status: 'completed' | 'stopped' | 'failed'): Promise<void> {
    trial.status = status;
    trial.seconds = (this.clock.now() - trial.startedAt) / 1000;
    if (status === 'failed') trial.error = describeCause(trial.pendingError ?? 'failed');
    let fitness = measureFitness(this.objectives, trial.curve, trial.staticObjectives, status === 'failed');
    try {
      const piped = await this.hooks.onFitness.promise(fitness, trial.snapshot());
      fitness = assertFitness(this.objectives, piped, 'onFitness');
    } catch (error) {
      this.logError(error, trial.id);
      trial.status = 'failed';
      trial.error = describeCause(error);
      fitness = measureFitness(this.objectives, trial.curve, trial.staticObjectives, true);
    }
    trial.fitness = fitness;
    try {
      await this.hooks.onTrialEnd.promise(trial.snapshot());
    } catch (error) {
      this.logError(error, trial.id);
      if (trial.status !== 'failed') {
        trial.status = 'failed';
        trial.error = describeCause(error);
        trial.fitness = measureFitness(this.objectives, trial.curve, trial.staticObjectives, true);
      }
    }
    this.write({ type: 'fitness', trialId: trial.id, fitness: trial.fitness });
    this.write(
      {
        type: 'trial-ended',
        trialId: trial.id,
        status: trial.status as 'completed' | 'stopped' | 'failed',
        cost: { epochs: trial.epochs, seconds: trial.seconds },
        ...(trial.error !== undefined ? { error: trial.error } : {}),
        ...(trial.info !== undefined ? { info: trial.info } : {}),
      },
      true,
    );
    await this.tell(trial);
    this.writeCheckpoint();
  }

  // ------------------------------------------------------------------ internals: searcher

  private async ask(n: number, space: SearchSpace<G>): Promise<G[]> {
    const searcher = this.searcher as Searcher<G>;
    let genomes: unknown;
    try {
      genomes = await searcher.ask(n);
    } catch (error) {
      throw this.fatal(new SearcherError(searcher.name, `ask(${n})`, error));
    }
    if (!Array.isArray(genomes)) {
      throw this.fatal(
        new SearcherError(
          searcher.name,
          `ask(${n})`,
          `expected an array of genomes (empty when exhausted), got ${JSON.stringify(genomes)}`,
        ),
      );
    }
    for (const [i, g] of genomes.entries()) {
      if (typeof g !== 'object' || g === null || Array.isArray(g)) {
        throw this.fatal(
          new SearcherError(
            searcher.name,
            `ask(${n})`,
            `genome ${i}: expected a plain object, got ${JSON.stringify(g)}`,
          ),
        );
      }
      try {
        space.repair(g as G);
      } catch (error) {
        throw this.fatal(
          new SearcherError(
            searcher.name,
            `ask(${n})`,
            `genome ${i} cannot be placed in space ${space.name}: ${describeCause(error)}`,
          ),
        );
      }
    }
    return (genomes as G[]).slice(0, n);
  }

  private async tell(trial: TrialState<G>): Promise<void> {
    const searcher = this.searcher;
    this.told.push(trial.id);
    if (!searcher) return;
    try {
      await searcher.tell(trial.snapshot() as FinishedTrial<G>, trial.fitness as Fitness);
    } catch (error) {
      throw this.fatal(new SearcherError(searcher.name, `tell(${trial.id})`, error));
    }
  }

  /** Journals a run-ending error and stops the run (`run()` then closes the journal), keeping every finished trial. */
  private fatal(error: PenguinError): PenguinError {
    this.logError(error, undefined);
    this.cancel('cancelled');
    return error;
  }

  private writeCheckpoint(): void {
    if (!this.journal) return;
    const plugins: Record<string, unknown> = {};
    for (const plugin of this.plugins) {
      if (typeof plugin !== 'function' && plugin.state) plugins[plugin.name] = plugin.state();
    }
    const checkpoint: Checkpoint = {
      version: 1,
      nextIndex: this.nextIndex,
      told: this.told,
      ...(this.searcher?.state ? { searcher: this.searcher.state() } : {}),
      plugins,
    };
    this.journal.writeCheckpoint(checkpoint);
  }

  // ------------------------------------------------------------------ internals: helpers

  private hostFor(name: string): PluginHost<G> {
    return {
      hooks: this.hooks,
      objectives: this.objectives,
      maxEpochs: this.maxEpochs,
      log: (event: PluginEvent) => this.write({ type: 'plugin', plugin: name, event }),
    };
  }

  private write(event: DistributiveOmit<JournalEvent, 't'> & { t?: number }, sync = false): void {
    this.journal?.append({ ...event, t: Math.round(this.elapsedMs()) } as JournalEvent, sync);
  }

  private logError(error: unknown, trialId: string | undefined): void {
    const e = error as { code?: string; plugin?: string; hook?: string };
    this.write({
      type: 'error',
      ...(trialId ? { trialId } : {}),
      code: e?.code ?? 'ERROR',
      message: describeCause(error),
      ...(e?.plugin ? { plugin: e.plugin } : {}),
      ...(e?.hook ? { hook: e.hook } : {}),
    });
  }

  private elapsedMs(): number {
    return this.elapsedBefore + (this.started ? this.clock.now() - this.startedAt : 0);
  }

  private trialOf(trialId: string, method: string): TrialState<G> {
    const trial = this.trials.get(trialId);
    if (!trial)
      throw new PenguinError(
        'CONFIG_ERROR',
        `engine.${method}: unknown trial ${JSON.stringify(trialId)}; start it with engine.startTrial(genome)`,
      );
    return trial;
  }

  private latestPrediction(trial: TrialState<G>): number | undefined {
    for (let i = trial.predictions.length - 1; i >= 0; i--) {
      const v = trial.predictions[i]?.value;
      if (typeof v === 'number') return v;
    }
    return undefined;
  }

  private epochsSpent(): number {
    let total = 0;
    for (const t of this.trials.values()) total += t.epochs;
    return total;
  }

  private trialsLeft(): number {
    return this.budget.trials === undefined ? Number.POSITIVE_INFINITY : this.budget.trials - this.nextIndex;
  }

  private budgetSpent(): boolean {
    if (this.trialsLeft() <= 0) return true;
    if (this.budget.epochs !== undefined && this.epochsSpent() >= this.budget.epochs) return true;
    return this.budget.seconds !== undefined && this.elapsedMs() / 1000 >= this.budget.seconds;
  }

  private summary(reason: RunEndReason): RunSummary<G> {
    const trials = this.trialSnapshots;
    let baseline = 0;
    for (const t of trials) {
      if (t.status === 'stopped') baseline += Math.max(t.maxEpochs, t.cost.epochs);
      else if (t.status === 'completed' || t.status === 'failed') baseline += t.cost.epochs;
    }
    const first = this.objectives[0] as ObjectiveSpec;
    let best: TrialSnapshot<G> | undefined;
    for (const t of trials) {
      const v = t.fitness?.[first.name]?.value;
      if (t.status === 'failed' || v === undefined || !Number.isFinite(v)) continue;
      const bestValue = best?.fitness?.[first.name]?.value;
      if (bestValue === undefined || isBetter(v, bestValue, first.direction)) best = t;
    }
    return {
      runId: this.runId,
      reason,
      trials,
      epochs: trials.reduce((s, t) => s + t.cost.epochs, 0),
      baselineEpochs: baseline,
      seconds: this.elapsedMs() / 1000,
      ...(best ? { best } : {}),
    };
  }
}

/** A trainer's concurrency hint, if it is a positive integer. */
function validConcurrency(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type { TerminateDecision };
