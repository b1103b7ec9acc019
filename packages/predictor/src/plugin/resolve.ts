import type { Direction, ObjectiveSpec } from '@penguin-nas/core';
import type { PredictorOptions } from '../options/schema.js';

/** Words in a metric's name that mean "lower is better". */
const LOWER_IS_BETTER = /loss|err|perplexity|mse|mae|rmse|regret/i;

export interface ResolvedMetric {
  readonly metric: string;
  readonly direction: Direction;
  /** The objective whose value the plugin replaces for early-stopped trials, when the run declares one. */
  readonly objective?: string;
  readonly range: readonly [number, number];
}

/**
 * Which metric to predict and in which direction: the options first, then the run's curve objectives,
 * then the metric's name (`loss`, `err`… mean minimise).
 */
export function resolveMetric(
  options: PredictorOptions,
  objectives: readonly ObjectiveSpec[] = [],
): ResolvedMetric {
  const curveObjectives = objectives.filter((o) => o.from === 'curve');
  const metric =
    options.metric ??
    (curveObjectives[0] ? (curveObjectives[0].metric ?? curveObjectives[0].name) : 'val_acc');
  const objective = curveObjectives.find((o) => (o.metric ?? o.name) === metric);
  const direction: Direction =
    options.direction ?? objective?.direction ?? (LOWER_IS_BETTER.test(metric) ? 'minimize' : 'maximize');
  const range =
    options.range ??
    (direction === 'maximize' ? ([0, 100] as const) : ([0, Number.POSITIVE_INFINITY] as const));
  return objective === undefined
    ? { metric, direction, range }
    : { metric, direction, range, objective: objective.name };
}
