import { describe, expect, it } from 'vitest';
import { percentileRule, thresholdRule } from '../../src/rules/percentile.js';
import { context, curve, finished } from '../helpers/context.js';

/** Five completed trials with values 0.1 … 0.5 at every epoch. */
const completed = [0.1, 0.2, 0.3, 0.4, 0.5].map((v, i) => finished(`c${i}`, v, curve([v, v, v, v, v, v])));

describe('percentile (Optuna PercentilePruner)', () => {
  it('keeps the top `percentile`% of completed trials at the same epoch (numpy interpolation)', () => {
    // The top 25% of 0.1…0.5 lie above their 75th percentile, 0.4.
    const rule = percentileRule({ percentile: 25 });
    const verdict = rule.decide(context({ points: curve([0.35, 0.3]), finished: completed }));
    expect(verdict).toMatchObject({ stop: true, prediction: 0.3, observed: true });
    expect(verdict.stop && verdict.reason).toBe(
      'percentile: best 0.35 is outside the top 25% (worse than 0.4) of 5 completed trials at epoch 2; reporting the last value',
    );
    expect(rule.decide(context({ points: curve([0.4, 0.3]), finished: completed })).stop).toBe(false);
  });

  it('works on losses: the top 25% are the lowest', () => {
    const losses = [1, 2, 3, 4, 5].map((v, i) => finished(`l${i}`, -v, curve([-v, -v])));
    const rule = percentileRule({ percentile: 25 });
    const judged = (loss: number) =>
      rule.decide(context({ points: curve([-loss]), finished: losses, toMetric: (s) => -s })).stop;
    expect(judged(2.1)).toBe(true);
    expect(judged(2)).toBe(false);
  });

  it('waits for minTrials completed trials and minTrialsAtEpoch values; stopped trials do not count', () => {
    const rule = percentileRule({ percentile: 50, minTrials: 6 });
    expect(rule.decide(context({ points: curve([0]), finished: completed })).stop).toBe(false);
    const withStopped = [...completed, finished('s', 0.9, curve([0.9]), false)];
    expect(rule.decide(context({ points: curve([0]), finished: withStopped })).stop).toBe(false);
    const strict = percentileRule({ percentile: 50, minTrialsAtEpoch: 6 });
    expect(strict.decide(context({ points: curve([0]), finished: completed })).stop).toBe(false);
  });

  it('judges after minEpochs, at the first point of each interval', () => {
    const rule = percentileRule({ percentile: 50, minEpochs: 2, interval: 3 });
    const at = (n: number) =>
      rule.decide(context({ points: curve(Array(n).fill(0)), finished: completed })).stop;
    expect([1, 2, 3, 4, 5, 6].map(at)).toEqual([false, true, false, false, true, false]);
  });

  it('with `recent`, compares with the most recent completed trials only, as the list of finished trials grows', () => {
    // An improving search: completed trials at 0.1 … 0.5, then 0.6 … 0.9; a trial at 0.55 is in the better half of
    // all nine but in the worse half of the last four.
    const later = [0.6, 0.7, 0.8, 0.9].map((v, i) => finished(`n${i}`, v, curve([v, v, v, v, v, v])));
    const all = percentileRule({ percentile: 50 });
    const recent = percentileRule({ percentile: 50, recent: 4 });
    const growing = [...completed];
    // The same growing list, as the predictor hands it over: an index follows it trial by trial.
    expect(recent.decide(context({ points: curve([0.55, 0.5]), finished: growing })).stop).toBe(false);
    growing.push(...later.slice(0, 2), finished('s', 0.95, curve([0.95]), false), ...later.slice(2));
    const verdict = recent.decide(context({ points: curve([0.55, 0.5]), finished: growing }));
    expect(verdict.stop && verdict.reason).toBe(
      'percentile: best 0.55 is outside the top 50% (worse than 0.75) of 4 recent completed trials at epoch 2; reporting the last value',
    );
    expect(all.decide(context({ points: curve([0.55, 0.5]), finished: growing })).stop).toBe(false);
    // Counted for minTrials: every completed trial, not only the recent ones.
    const needsNine = percentileRule({ percentile: 50, recent: 4, minTrials: 9 });
    expect(needsNine.decide(context({ points: curve([0.55, 0.5]), finished: growing })).stop).toBe(true);
    expect(() => percentileRule({ percentile: 50, recent: 0 })).toThrow(
      'rules.percentile.recent: expected an integer >= 1, got 0',
    );
  });

  it('reads the same threshold from its index as from a scan of the completed curves', () => {
    // Curves of different lengths and epochs: a trial with no point at the judged epoch does not count.
    const uneven = [
      finished('a', 0.3, curve([0.1, 0.3, 0.2])),
      finished('b', 0.6, curve([0.4, 0.6])),
      finished('c', 0.2, curve([0.2, 0.1, 0.15, 0.2])),
      finished('d', 0.8, curve([0.8])),
      finished('e', 0.5, curve([0.5, 0.45, 0.5])),
    ];
    const rule = percentileRule({ percentile: 40, minTrialsAtEpoch: 3 });
    // At epoch 3: 0.2, 0.15, 0.5 → the 60th percentile by linear interpolation is 0.2 + 0.2·(0.5 − 0.2) = 0.26.
    const at3 = rule.decide(context({ points: curve([0.1, 0.2, 0.25]), finished: uneven }));
    expect(at3.stop && at3.reason).toContain('(worse than 0.26) of 3 completed trials at epoch 3');
    expect(rule.decide(context({ points: curve([0.1, 0.2, 0.27]), finished: uneven })).stop).toBe(false);
    // At epoch 4 only one completed trial has a value: fewer than minTrialsAtEpoch.
    expect(rule.decide(context({ points: curve([0, 0, 0, 0]), finished: uneven })).stop).toBe(false);
  });

  it('validates its options eagerly', () => {
    expect(() => percentileRule({ percentile: 101 })).toThrow(
      'rules.percentile.percentile: expected a number in [0, 100], got 101',
    );
    expect(() => percentileRule({ percentile: 50, minTrials: 0 })).toThrow(
      'rules.percentile.minTrials: expected an integer >= 1, got 0',
    );
    expect(() => percentileRule({ percentile: 50, interval: 0 })).toThrow(
      'rules.percentile.interval: expected a number > 0, got 0',
    );
  });
});

describe('threshold (Optuna ThresholdPruner)', () => {
  it('stops when the latest value leaves [lower, upper], in metric units', () => {
    const rule = thresholdRule({ lower: 0.2, upper: 0.9 });
    const low = rule.decide(context({ points: curve([0.5, 0.1]) }));
    expect(low).toMatchObject({ stop: true, prediction: 0.1, observed: true });
    expect(low.stop && low.reason).toBe(
      'threshold: value 0.1 at epoch 2 is below the lower bound 0.2; reporting the last value',
    );
    expect(rule.decide(context({ points: curve([0.95]) })).stop).toBe(true);
    expect(rule.decide(context({ points: curve([0.1, 0.5]) })).stop).toBe(false);
    const loss = thresholdRule({ upper: 10 });
    expect(loss.decide(context({ points: curve([-12]), toMetric: (s) => -s })).stop).toBe(true);
    expect(loss.decide(context({ points: curve([-8]), toMetric: (s) => -s })).stop).toBe(false);
  });

  it('waits for minEpochs and validates its bounds', () => {
    const rule = thresholdRule({ lower: 0.2, minEpochs: 3 });
    expect(rule.decide(context({ points: curve([0, 0]) })).stop).toBe(false);
    expect(rule.decide(context({ points: curve([0, 0, 0]) })).stop).toBe(true);
    expect(() => thresholdRule({})).toThrow('rules.threshold: expected lower, upper or both, got neither');
    expect(() => thresholdRule({ lower: 2, upper: 1 })).toThrow(
      'rules.threshold: expected lower <= upper, got lower 2 and upper 1',
    );
  });
});
