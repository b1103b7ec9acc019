import type { JournalEvent } from '@penguin-nas/core';
import { JournalTail } from './journal-tail.js';
import { type FoldedRun, foldRun } from './run-data.js';
import { runView } from './run-view.js';
import type { RunView } from './view.js';

/**
 * One run directory followed live: `refresh()` reads what the journal gained since the last call; `view()` folds
 * the events (core's fold, the same as resume and the report) only when something changed.
 */
export class RunSource {
  private readonly tail: JournalTail;
  private events: JournalEvent[] = [];
  private problem: string | null = null;
  private cached: { version: number; folded: FoldedRun | undefined; view: RunView | undefined } | undefined;
  /** Grows whenever the events (or the problem) change. */
  version = 0;

  constructor(
    readonly name: string,
    readonly dir: string,
  ) {
    this.tail = new JournalTail(dir);
  }

  /** Reads appended events; returns whether anything changed. */
  refresh(): boolean {
    try {
      const { events, reset } = this.tail.poll();
      if (reset) this.events = [];
      if (events.length === 0 && !reset && this.problem === null) return false;
      this.events.push(...events);
      this.problem = null;
    } catch (error) {
      const message = (error as Error).message;
      if (message === this.problem) return false;
      this.problem = message;
    }
    this.version++;
    return true;
  }

  /** The folded run, or undefined while the journal has no run-started event yet. */
  folded(): FoldedRun | undefined {
    return this.current().folded;
  }

  view(): RunView | undefined {
    return this.current().view;
  }

  private current() {
    if (this.cached?.version === this.version) return this.cached;
    let folded: FoldedRun | undefined;
    let view: RunView | undefined;
    try {
      folded = foldRun(this.dir, this.events);
      view = runView(this.name, folded, this.problem);
    } catch (error) {
      this.problem ??= (error as Error).message;
    }
    this.cached = { version: this.version, folded, view };
    return this.cached;
  }
}
