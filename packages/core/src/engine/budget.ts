import type { Budget } from '../run-types.js';
import type { RunLog } from './run-log.js';

/** What the budget reads of the run. */
interface Spending {
  readonly nextIndex: number;
  /** Unfinished trials of a resumed run: already counted by `nextIndex`, still to be trained. */
  readonly restarts: readonly unknown[];
  epochsSpent(): number;
}

/** The run's budget: trials started, epochs trained, wall-clock seconds. */
export class BudgetGuard {
  constructor(
    readonly budget: Budget,
    private readonly log: RunLog,
    private readonly state: Spending,
  ) {}

  /** Trials the budget still allows to start. */
  trialsLeft(): number {
    return this.budget.trials === undefined
      ? Number.POSITIVE_INFINITY
      : this.budget.trials - this.state.nextIndex;
  }

  /** Whether the wall-clock budget is over. */
  timeSpent(): boolean {
    return this.budget.seconds !== undefined && this.log.elapsedMs() / 1000 >= this.budget.seconds;
  }

  /**
   * Whether the run must stop launching trials. A trial budget fully allocated is spent only once a resumed run's
   * unfinished trials are relaunched: they were counted when first started and must still end.
   */
  spent(): boolean {
    if (this.trialsLeft() <= 0 && this.state.restarts.length === 0) return true;
    if (this.budget.epochs !== undefined && this.state.epochsSpent() >= this.budget.epochs) return true;
    return this.timeSpent();
  }
}
