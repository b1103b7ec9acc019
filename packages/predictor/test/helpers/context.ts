import type { CurvePoint } from '../../src/curve/points.js';
import type { FinishedTrialInfo, PredictionStep, RuleContext } from '../../src/rules/types.js';

/** Points from values at epochs 1, 2, 3, … (or the given epochs). */
export function curve(values: readonly number[], epochs?: readonly number[]): CurvePoint[] {
  return values.map((value, i) => ({ epoch: epochs?.[i] ?? i + 1, value }));
}

/** A prediction step with the given score at an epoch. */
export function step(
  epoch: number,
  value: number | null,
  extra: Partial<PredictionStep> = {},
): PredictionStep {
  return { epoch, points: epoch, raw: value, value, spread: null, members: [], calibrated: false, ...extra };
}

export function finished(
  id: string,
  final: number,
  points: CurvePoint[] = [],
  complete = true,
): FinishedTrialInfo {
  return { id, final, complete, points };
}

export function context(partial: Partial<RuleContext> & Pick<RuleContext, 'points'>): RuleContext {
  return { trialId: 't', target: 100, steps: [], finished: [], toMetric: (s) => s, ...partial };
}

/** Scores (higher is better): trained-to-the-target finals 0.6–0.9, one stopped trial that reported 0.95. */
export const runSoFar: readonly FinishedTrialInfo[] = [
  finished('a', 0.6),
  finished('b', 0.9),
  finished('c', 0.75),
  finished('stopped', 0.95, [], false),
];
