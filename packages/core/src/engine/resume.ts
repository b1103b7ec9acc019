import { PenguinError } from '../errors.js';
import { foldRun } from '../journal/apply-event.js';
import type { Checkpoint } from '../journal/events.js';
import { CHECKPOINT_FILE, readJournal, readJsonFile } from '../journal/journal.js';
import { TrialState } from '../trial/trial-state.js';
import type { Genome } from '../types.js';

/** What a journal says about a run that stopped, as the engine needs it to continue. */
export interface ResumeState<G extends Genome = Genome> {
  readonly runId: string;
  readonly seed: number;
  /** Finished trials, in the order they ended. */
  readonly finished: TrialState<G>[];
  /** Started but unfinished trials (index < checkpoint.nextIndex), in index order, one attempt later: trained again. */
  readonly unfinished: TrialState<G>[];
  /** The checkpoint; when `checkpoint.json` was missing, one rebuilt from the journal (see `rebuilt`). */
  readonly checkpoint: Checkpoint | undefined;
  /** Set when `checkpoint.json` was missing and the run was rebuilt from the journal alone: says what that costs. */
  readonly rebuilt?: string;
  /** Milliseconds the run had already spent. */
  readonly elapsedMs: number;
  readonly tornTail: boolean;
}

/**
 * Rebuilds the run from `events.jsonl` and `checkpoint.json`. Trials started after the last checkpoint are
 * dropped (the restored searcher proposes them again), which keeps the resumed run identical to an uninterrupted
 * one. Without `checkpoint.json` no finished trial is trained again: the trials the journal holds are kept, the
 * searcher and plugins start afresh and are told every finished trial.
 */
export function loadResumeState<G extends Genome>(dir: string): ResumeState<G> {
  const { events, tornTail } = readJournal(dir);
  const all = foldRun<G>(events);
  if (!all.started) {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${dir}: no run-started event; this is not a Penguin run directory`,
    );
  }
  let checkpoint = readJsonFile(dir, CHECKPOINT_FILE) as Checkpoint | undefined;
  if (checkpoint !== undefined && checkpoint.version !== 1) {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${dir}/${CHECKPOINT_FILE}: expected version 1, got ${JSON.stringify(checkpoint.version)}`,
    );
  }
  let rebuilt: string | undefined;
  if (checkpoint === undefined && all.endOrder.length > 0) {
    // Keep every trial the journal holds rather than train a finished one again.
    const nextIndex = 1 + Math.max(...[...all.trials.values()].map((t) => t.index));
    checkpoint = { version: 1, nextIndex, told: [], plugins: {} };
    rebuilt = `${CHECKPOINT_FILE} is missing: rebuilt from ${all.endOrder.length} finished trials of the journal; the searcher and plugins start afresh and are told them again, so the rest of the run will differ from an uninterrupted one`;
  }
  const nextIndex = checkpoint?.nextIndex ?? 0;
  const { trials, endOrder, elapsedMs } = foldRun<G>(events, (index) => index < nextIndex);
  const finished = endOrder.map((id) => trials.get(id) as TrialState<G>);
  const unfinished = [...trials.values()]
    .filter((t) => !t.finished)
    .sort((a, b) => a.index - b.index)
    .map((t) => {
      const again = new TrialState<G>(t.id, t.index, t.genome, t.seed, t.maxEpochs, t.repairedFrom);
      again.repairReason = t.repairReason;
      again.attempt = t.attempt + 1;
      return again;
    });
  return {
    runId: all.started.runId,
    seed: all.started.seed,
    finished,
    unfinished,
    checkpoint,
    ...(rebuilt ? { rebuilt } : {}),
    elapsedMs,
    tornTail,
  };
}
