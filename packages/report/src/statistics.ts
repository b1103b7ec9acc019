import { dominates, isFinishedStatus, type ObjectiveSpec, runCost, toCost } from '@penguin-nas/core';
import type { ReportTrial, RunData } from './load-run.js';

export interface RunStatistics {
  readonly finished: number;
  readonly running: number;
  readonly stopped: number;
  readonly failed: number;
  /** Epochs trained over all trials. */
  readonly epochs: number;
  /** Epochs the finished trials would have trained without early termination. */
  readonly baselineEpochs: number;
  /** 1 − trained / baseline over finished trials. */
  readonly saved: number;
  /** baseline / trained over finished trials. */
  readonly throughputGain: number;
}

export function isFinished(trial: ReportTrial): boolean {
  return isFinishedStatus(trial.status);
}

/** Counts and costs of a run; epochs and savings come from core's `runCost`, as in the run summary. */
export function runStatistics(run: RunData): RunStatistics {
  const cost = runCost(run.trials);
  const finished = run.trials.filter(isFinished);
  return {
    finished: finished.length,
    running: run.trials.length - finished.length,
    stopped: finished.filter((t) => t.status === 'stopped').length,
    failed: finished.filter((t) => t.status === 'failed').length,
    epochs: cost.epochs,
    baselineEpochs: cost.baselineEpochs,
    saved: cost.saved,
    throughputGain: cost.throughputGain,
  };
}

/** The value of an objective for ranking, or undefined when the trial has none (unfinished, failed). */
export function objectiveValue(trial: ReportTrial, objective: ObjectiveSpec): number | undefined {
  const v = trial.fitness?.[objective.name]?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Finished, non-failed trials sorted best first by an objective. */
export function ranked(run: RunData, objective: ObjectiveSpec): ReportTrial[] {
  const sign = objective.direction === 'maximize' ? -1 : 1;
  return run.trials
    .filter((t) => t.status !== 'failed' && objectiveValue(t, objective) !== undefined)
    .sort(
      (a, b) => sign * ((objectiveValue(a, objective) as number) - (objectiveValue(b, objective) as number)),
    );
}

/** Trials on the Pareto front of the first two objectives (core's `dominates` on their costs). */
export function paretoFront(run: RunData): ReportTrial[] {
  const [o1, o2] = run.objectives;
  if (!o1 || !o2) return [];
  const candidates = ranked(run, o1).filter((t) => objectiveValue(t, o2) !== undefined);
  const costs = candidates.map((t) =>
    [o1, o2].map((o) => toCost(objectiveValue(t, o) as number, o.direction)),
  );
  return candidates.filter((_, i) => !costs.some((u) => dominates(u, costs[i] as number[])));
}
