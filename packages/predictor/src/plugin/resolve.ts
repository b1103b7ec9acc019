import type { Direction, ObjectiveSpec } from '@penguin-nas/core';
import { guessDirection } from '../curve/points.js';
import type { ResolvedPredictorOptions } from '../options/resolve-options.js';

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
  options: Pick<ResolvedPredictorOptions, 'metric' | 'direction' | 'range'>,
  objectives: readonly ObjectiveSpec[] = [],
): ResolvedMetric {
  const curveObjectives = objectives.filter((o) => o.from === 'curve');
  const metric =
    options.metric ??
    (curveObjectives[0] ? (curveObjectives[0].metric ?? curveObjectives[0].name) : 'val_acc');
  const objective = curveObjectives.find((o) => (o.metric ?? o.name) === metric);
  const direction: Direction = options.direction ?? objective?.direction ?? guessDirection(metric);
  const range =
    options.range ??
    (direction === 'maximize' ? ([0, 100] as const) : ([0, Number.POSITIVE_INFINITY] as const));
  return objective === undefined
    ? { metric, direction, range }
    : { metric, direction, range, objective: objective.name };
}
