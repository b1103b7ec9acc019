import type { RunEndReason } from '../run-types.js';
import type { TrialState } from '../trial/trial-state.js';
import type { Genome, SearchSpace } from '../types.js';
import type { BudgetGuard } from './budget.js';
import type { RunState } from './run-state.js';
import type { TrialRunner } from './trial-runner.js';

export interface SchedulerContext<G extends Genome> {
  readonly space: SearchSpace<G>;
  readonly state: RunState<G>;
  readonly runner: TrialRunner<G>;
  readonly budget: BudgetGuard;
  readonly concurrency: number;
  /** Trains a started trial to its end (and tells the searcher). */
  readonly train: (trial: TrialState<G>) => Promise<void>;
}

/**
 * The managed loop: keeps `concurrency` trials running (a resumed run's unfinished trials first, then new genomes
 * from the searcher) until the budget is spent, the searcher is exhausted or the run is cancelled. Running trials
 * always settle before it returns or throws, so the journal stays complete.
 */
export async function schedule<G extends Genome>(run: SchedulerContext<G>): Promise<RunEndReason> {
  const { state, runner, budget, concurrency } = run;
  const active = new Map<string, Promise<void>>();
  const launch = (trial: TrialState<G>) => {
    const done = run.train(trial).finally(() => active.delete(trial.id));
    active.set(trial.id, done);
  };
  let reason: RunEndReason | undefined;
  try {
    while (true) {
      if (state.cancelReason) reason = state.cancelReason;
      else if (budget.spent()) reason = 'budget';
      if (!reason) {
        const restarts = state.restarts;
        while (restarts.length > 0 && active.size < concurrency) {
          const trial = restarts.shift() as TrialState<G>;
          await runner.measureStatic(trial);
          runner.start(trial, false);
          launch(trial);
        }
        const free = Math.min(concurrency - active.size, budget.trialsLeft());
        if (free > 0 && restarts.length === 0) {
          const created = await state.askAndStart(free, run.space);
          for (const trial of created) launch(trial);
          if (created.length === 0 && active.size === 0) reason = 'exhausted';
        }
      }
      if (active.size === 0) return reason ?? state.cancelReason ?? (budget.spent() ? 'budget' : 'exhausted');
      await Promise.race(active.values());
    }
  } finally {
    // Let running trials settle (they are aborted when cancelled) so the journal stays complete.
    await Promise.allSettled(active.values());
  }
}
