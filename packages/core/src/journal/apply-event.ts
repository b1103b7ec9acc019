import { canTransition } from '../trial/lifecycle.js';
import { TrialState } from '../trial/trial-state.js';
import type { Genome } from '../types.js';
import type { JournalEvent } from './events.js';

/** A run as its events describe it: what `applyEvent` folds into, event by event. */
export interface RunFold<G extends Genome = Genome> {
  /** By id; a trial started again (after a resume) replaces its earlier record, one attempt later. */
  readonly trials: Map<string, TrialState<G>>;
  /** Ids of finished trials in the order they ended. */
  readonly endOrder: string[];
  /** Milliseconds since the run started at which each trial ended. */
  readonly endedAt: Map<string, number>;
  /** Ids of trials the searcher was told about, in order (journals from before `trial-told` have none). */
  readonly told: string[];
  readonly errors: { readonly trialId?: string; readonly message: string }[];
  /** The first run-started event. */
  started: Extract<JournalEvent, { type: 'run-started' }> | undefined;
  /** The run-ended event after the latest run-started, if the run has ended since. */
  ended: Extract<JournalEvent, { type: 'run-ended' }> | undefined;
  /** How many times the run was resumed. */
  resumes: number;
  /** The latest event time. */
  elapsedMs: number;
  /** Which trial indices to count (e.g. those started before the last checkpoint); the others are dropped. */
  readonly keep: (index: number) => boolean;
}

export function emptyFold<G extends Genome = Genome>(
  keep: (index: number) => boolean = () => true,
): RunFold<G> {
  return {
    trials: new Map(),
    endOrder: [],
    endedAt: new Map(),
    told: [],
    errors: [],
    started: undefined,
    ended: undefined,
    resumes: 0,
    elapsedMs: 0,
    keep,
  };
}

/**
 * The one reducer of the journal: folds one event into the run. The engine on resume, `foldTrials`, the report
 * and the CLI's progress all read a run through it. It tolerates what a crash leaves (a trial started twice, an
 * event of an unknown trial) and moves a trial's phase only along legal transitions.
 */
export function applyEvent<G extends Genome>(run: RunFold<G>, event: JournalEvent): void {
  run.elapsedMs = Math.max(run.elapsedMs, event.t ?? 0);
  const trial = 'trialId' in event && event.trialId ? run.trials.get(event.trialId) : undefined;
  switch (event.type) {
    case 'run-started':
      run.started ??= event;
      if (event.resumed) run.resumes++;
      run.ended = undefined;
      break;
    case 'run-ended':
      run.ended = event;
      break;
    case 'trial-started': {
      if (!run.keep(event.index)) {
        run.trials.delete(event.trialId);
        break;
      }
      const started = new TrialState<G>(
        event.trialId,
        event.index,
        event.genome as G,
        event.seed,
        event.maxEpochs,
        event.repairedFrom,
      );
      started.staticObjectives = event.staticObjectives;
      started.repairReason = event.repairReason;
      started.attempt = event.attempt ?? (trial ? trial.attempt + 1 : 1);
      started.moveTo('running');
      run.trials.set(event.trialId, started);
      break;
    }
    case 'epoch':
      if (!trial) break;
      trial.curve.push(event.logs);
      trial.epochs = event.logs.epoch;
      break;
    case 'prediction':
      trial?.predictions.push(event.prediction);
      break;
    case 'decision':
      if (!trial) break;
      trial.decision = event.decision;
      if (canTransition(trial.phase, 'stopping')) trial.moveTo('stopping');
      break;
    case 'fitness':
      if (trial) trial.fitness = event.fitness;
      break;
    case 'trial-ended':
      if (!trial) break;
      if (canTransition(trial.phase, 'ended')) trial.moveTo('ended');
      trial.status = event.status;
      trial.epochs = event.cost.epochs;
      trial.seconds = event.cost.seconds;
      if (event.error !== undefined) trial.error = event.error;
      if (event.info !== undefined) trial.info = event.info;
      run.endOrder.push(trial.id);
      run.endedAt.set(trial.id, event.t);
      break;
    case 'trial-told':
      if (!trial) break;
      if (canTransition(trial.phase, 'told')) trial.moveTo('told');
      run.told.push(trial.id);
      break;
    case 'error':
      run.errors.push({ ...(event.trialId ? { trialId: event.trialId } : {}), message: event.message });
      break;
    default:
      break;
  }
}

/** Folds a whole journal. */
export function foldRun<G extends Genome = Genome>(
  events: readonly JournalEvent[],
  keep?: (index: number) => boolean,
): RunFold<G> {
  const run = emptyFold<G>(keep);
  for (const event of events) applyEvent(run, event);
  return run;
}
