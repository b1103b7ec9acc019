import { fmt, type PredictionStep, type RuleContext, type Verdict } from '../rules/types.js';

/**
 * A model-free rule (median, patience, truncation) reports a value the curve already reached: a floor, low for a
 * curve that is still rising. When the calibration predicts more at this very point, the trial reports that.
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
  return {
    stop: true,
    reason: `${verdict.reason}; reporting the calibrated prediction ${fmt(toMetric(latest.value))} instead`,
    prediction: latest.value,
  };
}
