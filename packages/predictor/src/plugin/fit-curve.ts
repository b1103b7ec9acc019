import type { Direction } from '@penguin-nas/core';
import type { CurvePoint } from '../curve/points.js';
import { directionSign } from '../curve/points.js';
import { fitSample } from '../extrapolate/fit-schedule.js';
import type { Extrapolator, FitMember } from '../extrapolate/types.js';
import { xAxisFor } from '../extrapolate/x-axis.js';
import type { PredictionStep } from '../rules/types.js';

/** What the latest curve fit of a trial saw (its number of points) and extrapolated, as a score. */
export type LastFit = Pick<PredictionStep, 'points' | 'raw' | 'spread' | 'members' | 'reason'>;

/**
 * Fits one trial's curve (metric units; a long one on a sample of its points, see fit-schedule.ts) and
 * extrapolates it to the target: the raw prediction as a score, or why there is none.
 */
export function fitCurve(
  extrapolator: Extrapolator,
  points: readonly CurvePoint[],
  target: number,
  direction: Direction,
  E: number | 'auto',
  previous: readonly FitMember[] | undefined,
): LastFit {
  const sample = fitSample(points);
  const axis = xAxisFor(sample, E);
  const result = extrapolator.extrapolate(
    sample.map((p) => axis.toX(p.epoch)),
    sample.map((p) => p.value),
    axis.toX(target),
    direction,
    previous,
  );
  if (result.ok && Number.isFinite(result.value))
    return {
      points: points.length,
      raw: directionSign(direction) * result.value,
      spread: result.spread,
      members: result.members,
    };
  return {
    points: points.length,
    raw: null,
    spread: null,
    members: result.members,
    reason: result.ok ? `non-finite prediction ${result.value}` : result.reason,
  };
}
