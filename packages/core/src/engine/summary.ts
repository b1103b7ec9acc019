import type { RunEndReason, RunSummary } from '../run-types.js';
import { runCost } from '../trial/cost.js';
import type { Genome, ObjectiveSpec, TrialSnapshot } from '../types.js';
import { isBetter } from './fitness.js';

/** The best finished, non-failed trial by the first objective. */
export function bestTrial<G extends Genome>(
  trials: readonly TrialSnapshot<G>[],
  objective: ObjectiveSpec,
): TrialSnapshot<G> | undefined {
  let best: TrialSnapshot<G> | undefined;
  for (const t of trials) {
    const v = t.fitness?.[objective.name]?.value;
    if (t.status === 'failed' || v === undefined || !Number.isFinite(v)) continue;
    const bestValue = best?.fitness?.[objective.name]?.value;
    if (bestValue === undefined || isBetter(v, bestValue, objective.direction)) best = t;
  }
  return best;
}

/** What `run()` resolves to and `afterRun` receives; costs come from the one `cost` module. */
export function runSummary<G extends Genome>(
  runId: string,
  reason: RunEndReason,
  trials: readonly TrialSnapshot<G>[],
  objectives: readonly ObjectiveSpec[],
  seconds: number,
): RunSummary<G> {
  const cost = runCost(
    trials.map((t) => ({ status: t.status, maxEpochs: t.maxEpochs, epochs: t.cost.epochs })),
  );
  const best = bestTrial(trials, objectives[0] as ObjectiveSpec);
  return {
    runId,
    reason,
    trials,
    epochs: cost.epochs,
    baselineEpochs: cost.baselineEpochs,
    cost,
    seconds,
    ...(best ? { best } : {}),
  };
}
