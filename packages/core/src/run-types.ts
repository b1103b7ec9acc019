import type { EngineHooks } from './hooks.js';
import type { RunCost } from './trial/cost.js';
import type { FinishedTrial, Genome, ObjectiveSpec, TrialSnapshot } from './types.js';

export interface Budget {
  /** Trials to start (and finish). */
  readonly trials?: number;
  /** Total epochs trained over all trials. */
  readonly epochs?: number;
  /** Wall-clock seconds. */
  readonly seconds?: number;
}

/** What `beforeRun` receives. */
export interface RunContext {
  readonly runId: string;
  readonly seed: number;
  readonly objectives: readonly ObjectiveSpec[];
  /** The epochs the NAS trains each trial (the prediction target). */
  readonly maxEpochs: number;
  readonly budget: Budget;
  readonly concurrency: number;
  /** True when the run continues from a journal. */
  readonly resumed: boolean;
  /** The run directory, when the run has a journal. */
  readonly dir?: string;
}

/** Why a run ended: its budget, an exhausted searcher, `cancel()` (Ctrl-C), or a searcher that failed. */
export type RunEndReason = 'budget' | 'exhausted' | 'cancelled' | 'failed';

/** What `afterRun` receives and `engine.run()` resolves to. */
export interface RunSummary<G extends Genome = Genome> {
  readonly runId: string;
  readonly reason: RunEndReason;
  readonly trials: readonly TrialSnapshot<G>[];
  /** Epochs trained over all trials. */
  readonly epochs: number;
  /** Epochs the trials would have trained without early termination (finished trials only). */
  readonly baselineEpochs: number;
  /** Epochs trained, baseline and savings as the `cost` module counts them (savings over finished trials only). */
  readonly cost: RunCost;
  readonly seconds: number;
  /** Best finished trial by the first objective, if any. */
  readonly best?: TrialSnapshot<G>;
}

/** Custom journal entry written by a plugin. */
export interface PluginEvent {
  readonly type: string;
  readonly trialId?: string;
  readonly [key: string]: unknown;
}

/** What a plugin's `apply` receives. */
export interface PluginHost<G extends Genome = Genome> {
  readonly hooks: EngineHooks<G>;
  readonly objectives: readonly ObjectiveSpec[];
  /** The epochs the NAS trains each trial. */
  readonly maxEpochs: number;
  /** Appends an event to the run journal (plain JSON), tagged with the plugin name by the caller. */
  log(event: PluginEvent): void;
}

/**
 * A plugin taps hooks. Every tap must use the plugin's `name` (`hooks.onEpochEnd.tapPromise(name, …)`)
 * so errors can name it. `state`/`restore` let its state survive `penguin resume`.
 */
export interface PluginObject<G extends Genome = Genome> {
  readonly name: string;
  apply(engine: PluginHost<G>): void;
  /**
   * Plain-JSON state, checkpointed after each trial, for what cannot be rebuilt from the journal. Not checkpointed
   * for a plugin that has `recall`: its learning is rebuilt from the journal instead.
   */
  state?(): unknown;
  restore?(state: unknown): void;
  /**
   * On resume, hears every trial the checkpoint counts as told, in the order the searcher was told, as folded
   * from the journal (curve, predictions, fitness, status), so the plugin rebuilds what it learned from them
   * instead of checkpointing it: the checkpoint stays small however long the run. Called after `restore`.
   */
  recall?(trial: FinishedTrial<G>): void;
}

export type PluginFunction<G extends Genome = Genome> = ((engine: PluginHost<G>) => void) & {
  readonly pluginName?: string;
};

export type Plugin<G extends Genome = Genome> = PluginObject<G> | PluginFunction<G>;

/** A plugin list may contain falsy entries (e.g. `flag && plugin`); they are skipped. */
export type PluginList<G extends Genome = Genome> = readonly (
  | Plugin<G>
  | false
  | null
  | undefined
  | 0
  | ''
)[];

/** A trial as the run summary reports it. */
export type TrialRecord<G extends Genome = Genome> = TrialSnapshot<G>;
