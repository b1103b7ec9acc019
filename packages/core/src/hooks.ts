import { AsyncSeriesBailHook, AsyncSeriesHook, AsyncSeriesWaterfallHook } from 'tapable';
import type { RunContext, RunSummary } from './run-types.js';
import type { EpochLogs, Fitness, Genome, TerminateDecision, TrialSnapshot, TrialView } from './types.js';

/**
 * Every hook of the engine, on one frozen object. The hook class says how taps run:
 * series for steps that may do I/O, bail for decisions, waterfall where taps may change the value.
 */
export interface EngineHooks<G extends Genome = Genome> {
  /** Once, after config and plugin options are validated. */
  readonly beforeRun: AsyncSeriesHook<[context: RunContext]>;
  /** Before training a trial; static objectives are known. */
  readonly onTrialStart: AsyncSeriesHook<[trial: TrialSnapshot<G>]>;
  /** After each validation point: predictors fit, loggers write. */
  readonly onEpochEnd: AsyncSeriesHook<[trial: TrialView<G>, logs: EpochLogs]>;
  /** Right after `onEpochEnd`: the first tap that returns a decision stops the trial. */
  readonly shouldTerminate: AsyncSeriesBailHook<[trial: TrialView<G>], TerminateDecision | undefined>;
  /** Once per finished trial, before the searcher hears it: taps may replace objectives (e.g. with a prediction). */
  readonly onFitness: AsyncSeriesWaterfallHook<[fitness: Fitness, trial: TrialSnapshot<G>]>;
  /** After fitness is final. */
  readonly onTrialEnd: AsyncSeriesHook<[trial: TrialSnapshot<G>]>;
  /** Once, when the run is over. */
  readonly afterRun: AsyncSeriesHook<[summary: RunSummary]>;
}

export type HookName = keyof EngineHooks;

export const HOOK_NAMES: readonly HookName[] = [
  'beforeRun',
  'onTrialStart',
  'onEpochEnd',
  'shouldTerminate',
  'onFitness',
  'onTrialEnd',
  'afterRun',
];

export function createHooks<G extends Genome = Genome>(): EngineHooks<G> {
  return Object.freeze({
    beforeRun: new AsyncSeriesHook<[context: RunContext]>(['context'], 'beforeRun'),
    onTrialStart: new AsyncSeriesHook<[trial: TrialSnapshot<G>]>(['trial'], 'onTrialStart'),
    onEpochEnd: new AsyncSeriesHook<[trial: TrialView<G>, logs: EpochLogs]>(['trial', 'logs'], 'onEpochEnd'),
    shouldTerminate: new AsyncSeriesBailHook<[trial: TrialView<G>], TerminateDecision | undefined>(
      ['trial'],
      'shouldTerminate',
    ),
    onFitness: new AsyncSeriesWaterfallHook<[fitness: Fitness, trial: TrialSnapshot<G>]>(
      ['fitness', 'trial'],
      'onFitness',
    ),
    onTrialEnd: new AsyncSeriesHook<[trial: TrialSnapshot<G>]>(['trial'], 'onTrialEnd'),
    afterRun: new AsyncSeriesHook<[summary: RunSummary]>(['summary'], 'afterRun'),
  });
}
