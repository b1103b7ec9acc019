import type { TrialState } from '../trial/trial-state.js';
import type { Genome } from '../types.js';
import { foldRun } from './apply-event.js';
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
 * Rebuilds trials from journal events with `applyEvent` (used by `resume` and by reports). `keep(index)` drops the
 * trials a caller must not count, e.g. those started after the last checkpoint. Started-but-unfinished trials keep
 * the status `pending` (phase `running` or `stopping`: nothing in this process trains them).
 */
export function foldTrials<G extends Genome = Genome>(
  events: readonly JournalEvent[],
  keep: (index: number) => boolean = () => true,
): FoldedTrials<G> {
  const { trials, endOrder, endedAt, elapsedMs } = foldRun<G>(events, keep);
  return { trials, endOrder, endedAt, elapsedMs };
}
