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
