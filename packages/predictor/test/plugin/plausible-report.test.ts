import { describe, expect, it } from 'vitest';
import { plausibleReport } from '../../src/plugin/plausible-report.js';
import type { Verdict } from '../../src/rules/types.js';
import { context, curve, finished, runSoFar, step } from '../helpers/context.js';

/** A trial at epoch 3 whose last three points average 0.5, judged with a calibrated prediction. */
const trial = context({ points: curve([0.2, 0.4, 0.5, 0.6]), finished: runSoFar });
const calibratedSteps = [step(4, 0.3, { calibrated: true })];

function stop(prediction: number, extra: Partial<Extract<Verdict, { stop: true }>> = {}): Verdict {
  return { stop: true, reason: 'top-fraction: unlikely', prediction, ...extra };
}

describe('plausibleReport', () => {
  it('leaves a prediction inside the measured span as it is', () => {
    const verdict = stop(0.7);
    expect(plausibleReport(verdict, calibratedSteps, trial, 3)).toBe(verdict);
  });

  it('reports at most the best final of a trial trained to the target (not a stopped trial’s report)', () => {
    const reported = plausibleReport(stop(1.4), calibratedSteps, trial, 3);
    expect(reported).toMatchObject({ stop: true, prediction: 0.9 });
    expect(reported.stop && reported.reason).toBe(
      'top-fraction: unlikely; reporting 0.9, the best final of a trial trained to the target, instead of the prediction 1.4',
    );
  });

  it("keeps the stop's chance when it moves the reported value", () => {
    const chance = { probability: 0.01, threshold: 0.8 };
    expect(plausibleReport(stop(1.4, { chance }), calibratedSteps, trial, 3)).toMatchObject({
      prediction: 0.9,
      chance,
    });
  });

  it('reports at least the worse of the worst final and the trial’s own current value', () => {
    // Current value (0.4 + 0.5 + 0.6) / 3 = 0.5 is below the worst final 0.6: the floor is 0.5.
    const reported = plausibleReport(stop(-3), calibratedSteps, trial, 3);
    expect(reported).toMatchObject({ prediction: 0.5 });
    expect(reported.stop && reported.reason).toContain(
      'reporting 0.5, its current value, instead of the prediction -3',
    );
    // A trial doing better now than the worst final: the floor is that final.
    const ahead = context({ points: curve([0.8, 0.8, 0.8]), finished: runSoFar });
    const fromAhead = plausibleReport(stop(0.1), [step(3, 0.1, { calibrated: true })], ahead, 3);
    expect(fromAhead).toMatchObject({ prediction: 0.6 });
    expect(fromAhead.stop && fromAhead.reason).toContain('the worst final of a trial trained to the target');
  });

  it('speaks the metric’s units in the reason (a loss: scores are negated)', () => {
    const loss = context({
      points: curve([-2, -1.5, -1.25]),
      finished: [finished('a', -0.7), finished('b', -0.5)],
      toMetric: (score) => -score,
    });
    const reported = plausibleReport(stop(-331), [step(3, -331, { calibrated: true })], loss, 3);
    // Current loss (2 + 1.5 + 1.25) / 3 = 1.5833…, the floor (worse than the worst final loss 0.7).
    expect(reported.stop && reported.prediction).toBeCloseTo(-1.5833, 4);
    expect(reported.stop && reported.reason).toContain(
      'reporting 1.5833, its current value, instead of the prediction 331',
    );
  });

  it('leaves observed values, uncalibrated predictions, stale steps and runs without a measured final alone', () => {
    const observed = stop(-3, { observed: true });
    expect(plausibleReport(observed, calibratedSteps, trial, 3)).toBe(observed);
    const raw = stop(-3);
    expect(plausibleReport(raw, [step(4, -3)], trial, 3)).toBe(raw);
    expect(plausibleReport(raw, [step(3, -3, { calibrated: true })], trial, 3)).toBe(raw);
    const noneTrained = context({ points: trial.points, finished: [finished('s', 0.5, [], false)] });
    expect(plausibleReport(raw, calibratedSteps, noneTrained, 3)).toBe(raw);
    const going: Verdict = { stop: false };
    expect(plausibleReport(going, calibratedSteps, trial, 3)).toBe(going);
  });
});
