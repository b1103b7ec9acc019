import { PenguinError } from '../errors.js';
import type { Checkpoint } from '../journal/events.js';
import type { Plugin, RunEndReason } from '../run-types.js';
import { TrialState } from '../trial/trial-state.js';
import type { FinishedTrial, Fitness, Genome, SearchSpace, TrialSnapshot } from '../types.js';
import { trialSeed } from './options.js';
import { pluginStates } from './plugins.js';
import type { RunLog } from './run-log.js';
import type { SearcherGuard } from './searcher-guard.js';
import type { TrialRunner } from './trial-runner.js';

/**
 * The per-run record beside the per-trial `TrialState`s: every trial, the searcher, what it was told, the next
 * index, why the run is ending. It writes the checkpoint: what cannot be derived from the journal.
 */
export class RunState<G extends Genome = Genome> {
  readonly trials = new Map<string, TrialState<G>>();
  readonly told: string[] = [];
  /** Unfinished trials of a resumed run, launched again before anything new. */
  restarts: TrialState<G>[] = [];
  nextIndex = 0;
  cancelReason: RunEndReason | undefined;
  searcher: SearcherGuard<G> | undefined;
  plugins: readonly Plugin<G>[] = [];

  constructor(
    public runId: string,
    private readonly seed: number,
    private readonly maxEpochs: number,
    private readonly runner: TrialRunner<G>,
    private readonly log: RunLog,
    /** See EngineOptions.keepHistory. */
    private readonly keepHistory = true,
  ) {}

  /** A new trial (phase created) for a genome, repaired into the space when needed. */
  create(genome: G, space: SearchSpace<G> | undefined): TrialState<G> {
    const repair = space?.repair(genome);
    const index = this.nextIndex++;
    const trial = new TrialState<G>(
      `t${index}`,
      index,
      repair ? repair.genome : genome,
      trialSeed(this.seed, index),
      this.maxEpochs,
      repair?.repaired?.from,
    );
    trial.repairReason = repair?.repaired?.reason;
    this.trials.set(trial.id, trial);
    return trial;
  }

  /**
   * Asks the searcher for up to `n` genomes and starts a trial for each. Every `trial-started` is journalled before
   * the checkpoint that counts the trial, so a kill between the two never loses one.
   */
  async askAndStart(n: number, space: SearchSpace<G>): Promise<TrialState<G>[]> {
    const guard = this.searcher as SearcherGuard<G>;
    let genomes: G[];
    try {
      genomes = await guard.ask(n, space);
    } catch (error) {
      throw this.fatal(error as PenguinError);
    }
    const created = genomes.map((genome) => this.create(genome, space));
    for (const trial of created) await this.runner.measureStatic(trial);
    // Not forced to disk: a killed process leaves both writes, in this order, in the OS page cache; an fsync here
    // (only a power loss needs it) would double the fsyncs per trial.
    for (const trial of created) this.runner.start(trial, false);
    if (created.length > 0) this.writeCheckpoint();
    return created;
  }

  /** ended → told: the searcher hears the fitness, the journal and the checkpoint record it. */
  async tell(trial: TrialState<G>): Promise<void> {
    this.told.push(trial.id);
    if (this.searcher) {
      try {
        await this.searcher.tell(trial.snapshot() as FinishedTrial<G>, trial.fitness as Fitness);
      } catch (error) {
        throw this.fatal(error as PenguinError);
      }
    }
    if (trial.phase === 'ended') {
      trial.moveTo('told');
      this.log.write({ type: 'trial-told', trialId: trial.id });
    }
    this.writeCheckpoint();
    if (!this.keepHistory) trial.forgetHistory();
  }

  /** Aborts every unfinished trial; no new trial starts. */
  cancel(reason: RunEndReason): void {
    if (this.cancelReason) return;
    this.cancelReason = reason;
    for (const trial of this.trials.values()) {
      if (trial.finished) continue;
      if (trial.phase === 'running') trial.moveTo('stopping');
      trial.controller.abort();
    }
  }

  trialOf(trialId: string, method: string): TrialState<G> {
    const trial = this.trials.get(trialId);
    if (!trial)
      throw new PenguinError(
        'CONFIG_ERROR',
        `engine.${method}: unknown trial ${JSON.stringify(trialId)}; start it with engine.startTrial(genome)`,
      );
    return trial;
  }

  snapshots(): TrialSnapshot<G>[] {
    return [...this.trials.values()].sort((a, b) => a.index - b.index).map((t) => t.snapshot());
  }

  epochsSpent(): number {
    let total = 0;
    for (const t of this.trials.values()) total += t.epochs;
    return total;
  }

  writeCheckpoint(): void {
    if (!this.log.journalled) return;
    const plugins = pluginStates(this.plugins, (error) => this.log.error(error, undefined));
    const checkpoint: Checkpoint = {
      version: 1,
      nextIndex: this.nextIndex,
      told: this.told,
      ...(this.searcher?.saves ? { searcher: this.searcher.state() } : {}),
      plugins,
    };
    this.log.checkpoint(checkpoint);
  }

  /** Journals a run-ending error and stops the run (`run()` then closes the journal), keeping every finished trial. */
  private fatal(error: PenguinError): PenguinError {
    this.log.error(error, undefined);
    this.cancel('cancelled');
    return error;
  }
}
