import { TrialState } from '../engine/trial-state.js';
import type { Genome } from '../types.js';
import type { JournalEvent } from './events.js';

/** The trials a journal describes, rebuilt event by event. */
export interface FoldedTrials<G extends Genome = Genome> {
  /** By id; a trial started again (after a resume) replaces its earlier record. */
  readonly trials: Map<string, TrialState<G>>;
  /** Ids of finished trials in the order they ended. */
  readonly endOrder: string[];
  /** Milliseconds since the run started at which each trial ended. */
  readonly endedAt: Map<string, number>;
  /** The latest event time. */
  readonly elapsedMs: number;
}

/**
 * Rebuilds trials from journal events (used by `resume` and by reports). `keep(index)` drops the trials a
 * caller must not count, e.g. those started after the last checkpoint. Started-but-unfinished trials keep the
 * status `pending`.
 */
export function foldTrials<G extends Genome = Genome>(
  events: readonly JournalEvent[],
  keep: (index: number) => boolean = () => true,
): FoldedTrials<G> {
  const trials = new Map<string, TrialState<G>>();
  const endOrder: string[] = [];
  const endedAt = new Map<string, number>();
  let elapsedMs = 0;
  for (const event of events) {
    elapsedMs = Math.max(elapsedMs, event.t ?? 0);
    switch (event.type) {
      case 'trial-started': {
        if (!keep(event.index)) {
          trials.delete(event.trialId);
          break;
        }
        const trial = new TrialState<G>(
          event.trialId,
          event.index,
          event.genome as G,
          event.seed,
          event.maxEpochs,
          event.repairedFrom,
        );
        trial.staticObjectives = event.staticObjectives;
        trials.set(event.trialId, trial);
        break;
      }
      case 'epoch': {
        const trial = trials.get(event.trialId);
        if (trial) {
          trial.curve.push(event.logs);
          trial.epochs = event.logs.epoch;
        }
        break;
      }
      case 'prediction':
        trials.get(event.trialId)?.predictions.push(event.prediction);
        break;
      case 'decision': {
        const trial = trials.get(event.trialId);
        if (trial) trial.decision = event.decision;
        break;
      }
      case 'fitness': {
        const trial = trials.get(event.trialId);
        if (trial) trial.fitness = event.fitness;
        break;
      }
      case 'trial-ended': {
        const trial = trials.get(event.trialId);
        if (!trial) break;
        trial.status = event.status;
        trial.epochs = event.cost.epochs;
        trial.seconds = event.cost.seconds;
        if (event.error !== undefined) trial.error = event.error;
        if (event.info !== undefined) trial.info = event.info;
        endOrder.push(trial.id);
        endedAt.set(trial.id, event.t);
        break;
      }
      default:
        break;
    }
  }
  return { trials, endOrder, endedAt, elapsedMs };
}
