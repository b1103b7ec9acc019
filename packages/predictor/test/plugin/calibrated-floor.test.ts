import { describe, expect, it } from 'vitest';
import { calibratedFloor } from '../../src/plugin/calibrated-floor.js';
import type { Verdict } from '../../src/rules/types.js';
import { context, curve, finished, runSoFar, step } from '../helpers/context.js';

const trial = context({ points: curve([0.2, 0.4, 0.5, 0.55]), finished: runSoFar });
const median: Verdict = { stop: true, reason: 'median: worse', prediction: 0.55, observed: true };
const toMetric = (score: number) => score;

describe('calibratedFloor', () => {
  it('reports the calibrated prediction when it is above the value the curve reached', () => {
    const verdict = calibratedFloor(median, [step(4, 0.7, { calibrated: true })], trial, toMetric);
    expect(verdict).toEqual({
      stop: true,
      reason: 'median: worse; reporting the calibrated prediction 0.7 instead',
      prediction: 0.7,
    });
  });

  it('keeps the chance of a stop that had one when it reports the calibrated prediction', () => {
    const chance = { probability: 0.02, threshold: 0.8 };
    const verdict = calibratedFloor(
      { ...median, chance },
      [step(4, 0.7, { calibrated: true })],
      trial,
      toMetric,
    );
    expect(verdict).toMatchObject({ prediction: 0.7, chance });
  });

  it('keeps the value reached when the prediction lies beyond the best final trained to the target', () => {
    // 0.93 is above the best complete final 0.9 (the stopped trial's 0.95 does not count): an extrapolation that
    // would rank this below-median trial with the best network.
    const verdict = calibratedFloor(median, [step(4, 0.93, { calibrated: true })], trial, toMetric);
    expect(verdict).toEqual({
      ...median,
      reason:
        'median: worse; not the calibrated prediction 0.93, beyond the best final 0.9 of a trial trained to the target',
    });
  });

  it('speaks the metric’s units (a loss predicted below zero)', () => {
    const loss = context({
      points: curve([-3, -2.5, -2]),
      finished: [finished('a', -0.7), finished('b', -0.45)],
      toMetric: (score) => -score,
    });
    const verdict = calibratedFloor(
      { stop: true, reason: 'median: worse', prediction: -2, observed: true },
      [step(3, 0.06, { calibrated: true })],
      loss,
      (score) => -score,
    );
    expect(verdict).toMatchObject({ prediction: -2, observed: true });
    expect(verdict.stop && verdict.reason).toContain(
      'not the calibrated prediction -0.06, beyond the best final 0.45',
    );
  });

  it('upgrades without a complete trial to compare with, and leaves uncalibrated or model-based stops alone', () => {
    const early = context({
      points: curve([0.2, 0.4, 0.5, 0.55]),
      finished: [finished('s', 0.95, [], false)],
    });
    expect(calibratedFloor(median, [step(4, 0.99, { calibrated: true })], early, toMetric)).toMatchObject({
      prediction: 0.99,
    });
    expect(calibratedFloor(median, [step(4, 0.7)], trial, toMetric)).toBe(median);
    const fromModel: Verdict = { stop: true, reason: 'top-fraction: unlikely', prediction: 0.5 };
    expect(calibratedFloor(fromModel, [step(4, 0.7, { calibrated: true })], trial, toMetric)).toBe(fromModel);
  });
});
