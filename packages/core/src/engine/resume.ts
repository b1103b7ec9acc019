import { PenguinError } from '../errors.js';
import type { Checkpoint } from '../journal/events.js';
import { foldTrials } from '../journal/fold-trials.js';
import { CHECKPOINT_FILE, readJournal, readJsonFile } from '../journal/journal.js';
import type { Genome } from '../types.js';
import { TrialState } from './trial-state.js';

/** What a journal says about a run that stopped, as the engine needs it to continue. */
export interface ResumeState<G extends Genome = Genome> {
  readonly runId: string;
  readonly seed: number;
  /** Finished trials, in the order they ended. */
  readonly finished: TrialState<G>[];
  /** Started but unfinished trials (index < checkpoint.nextIndex), in index order: trained again. */
  readonly unfinished: TrialState<G>[];
  readonly checkpoint: Checkpoint | undefined;
  /** Milliseconds the run had already spent. */
  readonly elapsedMs: number;
  readonly tornTail: boolean;
}

/**
 * Rebuilds the run from `events.jsonl` and `checkpoint.json`. Trials started after the last checkpoint are
 * dropped (the restored searcher proposes them again), which keeps the resumed run identical to an uninterrupted one.
 */
export function loadResumeState<G extends Genome>(dir: string): ResumeState<G> {
  const { events, tornTail } = readJournal(dir);
  const runStarted = events.find((e) => e.type === 'run-started');
  if (runStarted?.type !== 'run-started') {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${dir}: no run-started event; this is not a Penguin run directory`,
    );
  }
  const checkpoint = readJsonFile(dir, CHECKPOINT_FILE) as Checkpoint | undefined;
  if (checkpoint !== undefined && checkpoint.version !== 1) {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${dir}/${CHECKPOINT_FILE}: expected version 1, got ${JSON.stringify(checkpoint.version)}`,
    );
  }
  const nextIndex = checkpoint?.nextIndex ?? 0;
  const { trials, endOrder, elapsedMs } = foldTrials<G>(events, (index) => index < nextIndex);
  const finished = endOrder.map((id) => trials.get(id) as TrialState<G>);
  const unfinished = [...trials.values()]
    .filter((t) => !t.finished)
    .sort((a, b) => a.index - b.index)
    .map((t) => new TrialState<G>(t.id, t.index, t.genome, t.seed, t.maxEpochs, t.repairedFrom));
  return {
    runId: runStarted.runId,
    seed: runStarted.seed,
    finished,
    unfinished,
    checkpoint,
    elapsedMs,
    tornTail,
  };
}
