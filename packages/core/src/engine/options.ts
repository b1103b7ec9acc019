import { PenguinError } from '../errors.js';
import type { Executor } from '../executor/executor.js';
import type { Budget, PluginList } from '../run-types.js';
import type {
  Clock,
  Genome,
  ObjectiveSpec,
  Searcher,
  SearcherFactory,
  SearchSpace,
  Trainer,
} from '../types.js';
import { assertObjectives } from './fitness.js';
import type { HookTimeouts } from './plugins.js';
import type { TimeLimits } from './time-limit.js';

export interface EngineOptions<G extends Genome = Genome> {
  /** Needed by `run()`; optional for "bring your own loop". */
  readonly space?: SearchSpace<G>;
  readonly searcher?: SearcherFactory<G> | Searcher<G>;
  readonly trainer?: Trainer<G>;
  /**
   * Where trials train (default: `inProcessExecutor(trainer)`); `run()` needs a trainer or an executor. The engine
   * calls `attach` and `prepare` once before the first trial, `execute` per trial and `close` at the end.
   */
  readonly executor?: Executor<G>;
  /** Limits on a trial and on a searcher call, and how long a cancel waits for trials (generous defaults). */
  readonly timeLimits?: TimeLimits;
  readonly objectives: readonly ObjectiveSpec[];
  /** The epochs the NAS trains each trial: the prediction target and the trainer's limit. */
  readonly maxEpochs: number;
  readonly budget?: Budget;
  readonly plugins?: PluginList<G>;
  /** Trials trained at once (default 1). */
  readonly concurrency?: number;
  /** Makes a run reproducible (default 0). */
  readonly seed?: number;
  /** Run directory for the journal; without it nothing is written. */
  readonly dir?: string;
  /** Continue the run journalled in `dir` instead of starting a new one. */
  readonly resume?: boolean;
  readonly clock?: Clock;
  /** The resolved config, written to `config.json` (plain JSON). */
  readonly config?: unknown;
  readonly runId?: string;
  /** Facts for the run-started event (backend, versions…). */
  readonly info?: Readonly<Record<string, unknown>>;
  /** Time limits for plugin taps, in ms: one number or per hook (defaults: DEFAULT_HOOK_TIMEOUTS_MS). */
  readonly hookTimeouts?: HookTimeouts;
  /**
   * Keep every told trial's curve and predictions in memory, for the summary's snapshots (default true). With
   * false a told trial keeps its latest prediction and no curve (its cost, status and fitness stay): memory stays
   * flat over runs of many thousands of trials whose history is read from the journal, or not needed (replay).
   */
  readonly keepHistory?: boolean;
}

export const systemClock: Clock = { now: () => performance.now() };

function positive(value: unknown, where: string, integer: boolean): void {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!ok) {
    throw new PenguinError(
      'CONFIG_ERROR',
      `${where}: expected a ${integer ? 'positive integer' : 'positive number'}, got ${JSON.stringify(value)}`,
    );
  }
}

/** Eager validation with messages that name the option. */
export function assertEngineOptions<G extends Genome>(options: EngineOptions<G>): void {
  if (typeof options !== 'object' || options === null) {
    throw new PenguinError(
      'CONFIG_ERROR',
      `engine options: expected an object, got ${JSON.stringify(options)}`,
    );
  }
  assertObjectives(options.objectives);
  positive(options.maxEpochs, 'maxEpochs', false);
  if (options.concurrency !== undefined) positive(options.concurrency, 'concurrency', true);
  if (options.keepHistory !== undefined && typeof options.keepHistory !== 'boolean')
    throw new PenguinError(
      'CONFIG_ERROR',
      `keepHistory: expected true or false, got ${JSON.stringify(options.keepHistory)}`,
    );
  if (options.seed !== undefined && !Number.isFinite(options.seed)) {
    throw new PenguinError(
      'CONFIG_ERROR',
      `seed: expected a finite number, got ${JSON.stringify(options.seed)}`,
    );
  }
  const budget = options.budget ?? {};
  if (budget.trials !== undefined) positive(budget.trials, 'budget.trials', true);
  if (budget.epochs !== undefined) positive(budget.epochs, 'budget.epochs', false);
  if (budget.seconds !== undefined) positive(budget.seconds, 'budget.seconds', false);
  for (const [key, value] of Object.entries(options.timeLimits ?? {}))
    positive(value, `timeLimits.${key}`, false);
  if (options.resume && !options.dir) {
    throw new PenguinError('CONFIG_ERROR', 'resume: expected a run directory (dir) to resume from');
  }
}

/** The seed of trial `index` of a run: stable across resumes and independent of scheduling. */
export function trialSeed(runSeed: number, index: number): number {
  let h = (0x9e3779b9 ^ (runSeed | 0)) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h & 0x7fffffff;
}
