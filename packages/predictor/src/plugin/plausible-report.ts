import { smoothedLast } from '../curve/points.js';
import { fmt, type PredictionStep, type RuleContext, type Verdict } from '../rules/types.js';
import { completeFinals } from './complete-finals.js';

/**
 * Keeps the value a stop reports, when it is the calibration's prediction, inside what the run has measured. The
 * calibration is a linear fit, and for a curve unlike every trial trained to the end (a loss that exploded in its
 * first epochs) it extrapolates to values no trial ever ended at: a loss below zero, or a hundred times the worst
 * final. So such a stop reports
 *
 * - at most the best final measured on a trial trained to the target (a stopped trial is not the best one), and
 * - at least the worse of the worst such final and the trial's own current value (the mean of its last `smoothing`
 *   points): a stopped trial is not reported to end worse than it is now unless some trial has ended that badly.
 *
 * Only the reported value moves, never this trial's decision, and the reason says which bound was used (later
 * trials compare against reported values, so their decisions can move: one of the frontier's 1,350 runs did, by 0.02
 * points of epochs saved). Values a rule read
 * off the curve (`observed`) and uncalibrated predictions (the reference rule) are reported as they are. On the
 * development curves this changes only TaskSet (RNN losses): its stopped trials' mean error falls from 41% to 15% of
 * the true loss at the same stops (see BENCHMARKS.md).
 */
export function plausibleReport(
  verdict: Verdict,
  steps: readonly PredictionStep[],
  context: RuleContext,
  smoothing: number,
): Verdict {
  if (!verdict.stop || verdict.observed || verdict.prediction === undefined) return verdict;
  const latest = steps[steps.length - 1];
  const point = context.points[context.points.length - 1];
  if (!latest?.calibrated || latest.epoch !== point?.epoch) return verdict;
  const span = completeFinals(context.finished);
  if (span === undefined) return verdict;
  const { best, worst } = span;
  const current = smoothedLast(context.points, smoothing) as number;
  const floor = Math.min(worst, current);
  const predicted = verdict.prediction;
  let reported = predicted;
  let bound = '';
  if (predicted > best) {
    reported = best;
    bound = 'the best final of a trial trained to the target';
  } else if (predicted < floor) {
    reported = floor;
    bound = floor === current ? 'its current value' : 'the worst final of a trial trained to the target';
  }
  if (reported === predicted) return verdict;
  return {
    ...verdict,
    prediction: reported,
    reason:
      `${verdict.reason}; reporting ${fmt(context.toMetric(reported))}, ${bound}, instead of the prediction ` +
      `${fmt(context.toMetric(predicted))}`,
  };
}
