import { describeCause, PenguinError } from '../errors.js';
import type { JournalEvent } from '../journal/events.js';
import { EVENTS_FILE, holdsRun, Journal } from '../journal/journal.js';
import type { RunSummary } from '../run-types.js';
import type { Clock } from '../types.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event without its time: the log stamps it. */
export type UnstampedEvent = DistributiveOmit<JournalEvent, 't'>;

/**
 * The run's clock and journal: every event the engine emits goes through `write`, stamped with the run's elapsed
 * milliseconds (across resumes). Without a run directory it only keeps time.
 */
export class RunLog {
  private journal: Journal | undefined;
  private startedAt: number | undefined;
  private elapsedBefore = 0;
  private ended = false;

  constructor(private readonly clock: Clock) {}

  /** Starts the clock; `elapsedBefore` is what earlier sessions of a resumed run spent. */
  start(elapsedBefore = 0): void {
    this.startedAt = this.clock.now();
    this.elapsedBefore = elapsedBefore;
  }

  /** Opens the journal of `dir`: a new run refuses a directory that already holds one. */
  open(dir: string, resume: boolean, config: () => unknown): void {
    if (!resume && holdsRun(dir)) {
      throw new PenguinError(
        'JOURNAL_ERROR',
        `${dir}: already holds a run (${EVENTS_FILE}); resume it with \`penguin resume ${dir}\` or choose another --out directory`,
      );
    }
    this.journal = Journal.open(dir);
    if (!resume) this.journal.writeConfig(config());
  }

  get journalled(): boolean {
    return this.journal !== undefined;
  }

  /** Appends an event; `sync` forces it (and every line before it) to disk. */
  write(event: UnstampedEvent, sync = false): void {
    this.journal?.append({ ...event, t: Math.round(this.elapsedMs()) } as JournalEvent, sync);
  }

  /** Journals an error, naming its trial, plugin and hook when it has them. */
  error(error: unknown, trialId: string | undefined): void {
    const e = error as { code?: string; plugin?: string; hook?: string };
    this.write({
      type: 'error',
      ...(trialId ? { trialId } : {}),
      code: e?.code ?? 'ERROR',
      message: describeCause(error),
      ...(e?.plugin ? { plugin: e.plugin } : {}),
      ...(e?.hook ? { hook: e.hook } : {}),
    });
  }

  /** Journals `run-ended` (synced) and closes the journal; a second call does nothing. */
  end(summary: Pick<RunSummary, 'reason' | 'trials' | 'epochs' | 'seconds'>): void {
    if (this.ended) return;
    this.ended = true;
    const { reason, trials, epochs, seconds } = summary;
    this.write({ type: 'run-ended', reason, trials: trials.length, epochs, seconds }, true);
    this.close();
  }

  checkpoint(checkpoint: unknown): void {
    this.journal?.writeCheckpoint(checkpoint);
  }

  /** Closes the journal; events of trials that settle later (an abandoned run) are not written. */
  close(): void {
    const journal = this.journal;
    this.journal = undefined;
    journal?.close();
  }

  elapsedMs(): number {
    return this.elapsedBefore + (this.startedAt === undefined ? 0 : this.clock.now() - this.startedAt);
  }
}
