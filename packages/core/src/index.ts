export * from './curves/read-curve-file.js';
export * from './curves/write-curve-file.js';
export { Engine, type ObserveResult } from './engine/engine.js';
export { isBetter, lastValue, measureFitness, worstValue } from './engine/fitness.js';
export { type EngineOptions, systemClock, trialSeed } from './engine/options.js';
export { PendingCalls } from './engine/pending.js';
export { DEFAULT_HOOK_TIMEOUTS_MS, type HookTimeouts } from './engine/plugins.js';
export { loadResumeState, type ResumeState } from './engine/resume.js';
export { DEFAULT_TIME_LIMITS, type TimeLimits } from './engine/time-limit.js';
export * from './errors.js';
export * from './executor/executor.js';
export * from './hooks.js';
export { applyEvent, emptyFold, foldRun, type RunFold } from './journal/apply-event.js';
export type { Checkpoint, JournalEvent, JournalEventType } from './journal/events.js';
export { type FoldedTrials, foldTrials } from './journal/fold-trials.js';
export {
  CHECKPOINT_FILE,
  CONFIG_FILE,
  EVENTS_FILE,
  Journal,
  type JournalContents,
  readJournal,
} from './journal/journal.js';
export { parseJson, stringifyJson } from './journal/json.js';
export { penguinPackage } from './penguin-package.js';
export * from './registry.js';
export * from './rng.js';
export * from './run-types.js';
export { dominates, toCost } from './search/pareto.js';
export { ENUMERATE_LIMIT, SeenGenomes } from './search/seen-genomes.js';
export * from './space/decisions.js';
export * from './space/define-space.js';
export { enumerateGenomes } from './space/enumerate.js';
export { type ReplayTrainerOptions, replayTrainer } from './tabular/replay-trainer.js';
export { type TabularSpace, type TabularSpaceOptions, tabularSpace } from './tabular/tabular-space.js';
export {
  baselineEpochs,
  type CostInput,
  isFinishedStatus,
  type RunCost,
  runCost,
  savings,
} from './trial/cost.js';
export { assertTransition, canTransition, TRIAL_TRANSITIONS, type TrialPhase } from './trial/lifecycle.js';
export { TrialState } from './trial/trial-state.js';
export type * from './types.js';
