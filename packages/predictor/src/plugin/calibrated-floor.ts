import { fmt, type PredictionStep, type RuleContext, type Verdict } from '../rules/types.js';
import { completeFinals } from './complete-finals.js';

/**
 * A model-free rule (median, patience, truncation) reports a value the curve already reached: a floor, low for a
 * curve that is still rising. When the calibration predicts more at this very point, the trial reports that,
 * unless the prediction lies beyond the best final of every trial trained to the target.
 * (Capping it at the finished trials' median final was tried: it lost late learners on TaskSet, top-10% recall
 * 0.80 → 0.72, and changed nothing on the Fashion-MNIST search.)
 */
export function calibratedFloor(
  verdict: Verdict,
  steps: readonly PredictionStep[],
  context: RuleContext,
  toMetric: (score: number) => number,
): Verdict {
  if (!verdict.stop || !verdict.observed || verdict.prediction === undefined) return verdict;
  const latest = steps[steps.length - 1];
  const point = context.points[context.points.length - 1];
  if (!latest?.calibrated || latest.value == null || latest.epoch !== point?.epoch) return verdict;
  if (!(latest.value > verdict.prediction)) return verdict;
  // A prediction beyond every final measured is the linear calibration extrapolating past its samples (a loss
  // that exploded early predicted to end below zero): the trial was just judged worse than the others, so it keeps
  // the value it reached rather than one that would rank it with the best network.
  const best = completeFinals(context.finished)?.best;
  if (best !== undefined && latest.value > best)
    return {
      ...verdict,
      reason: `${verdict.reason}; not the calibrated prediction ${fmt(toMetric(latest.value))}, beyond the best final ${fmt(toMetric(best))} of a trial trained to the target`,
    };
  return {
    stop: true,
    reason: `${verdict.reason}; reporting the calibrated prediction ${fmt(toMetric(latest.value))} instead`,
    prediction: latest.value,
    ...(verdict.chance === undefined ? {} : { chance: verdict.chance }),
  };
}
