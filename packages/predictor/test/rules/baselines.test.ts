import { describe, expect, it } from 'vitest';
import { medianStopping, metricPatience, neverStop, truncation } from '../../src/rules/baselines.js';
import { context, curve, finished } from '../helpers/context.js';

describe('baseline rules', () => {
  it('never stops', () => {
    expect(neverStop().decide(context({ points: curve([1, 2, 3]), target: 3 })).stop).toBe(false);
  });

  it('truncation stops at the fraction of the target and reports the last value', () => {
    const rule = truncation({ fraction: 0.3 });
    expect(rule.decide(context({ points: curve([1, 2]), target: 10 })).stop).toBe(false);
    const verdict = rule.decide(context({ points: curve([1, 2, 5]), target: 10 }));
    expect(verdict).toMatchObject({ stop: true, prediction: 5 });
    expect(verdict.stop && verdict.reason).toBe(
      'truncation: trained 3 of 10 epochs (fraction 0.3); reporting the last value 5',
    );
    expect(() => truncation({ fraction: 0 })).toThrow(
      'rules.truncation.fraction: expected a number in (0, 1], got 0',
    );
  });

  it('patience stops after `patience` points without improvement and reports the best', () => {
    const rule = metricPatience({ patience: 2, minDelta: 0.5 });
    expect(rule.decide(context({ points: curve([1, 5, 4]) })).stop).toBe(false);
    const verdict = rule.decide(context({ points: curve([1, 5, 4, 5.4]) }));
    expect(verdict).toMatchObject({ stop: true, prediction: 5 });
    expect(rule.decide(context({ points: curve([1, 5, 4, 5.6]) })).stop).toBe(false);
    expect(() => metricPatience({ patience: 0 })).toThrow(
      'rules.patience.patience: expected an integer >= 1, got 0',
    );
  });

  it('median stopping compares the best value with finished trials running means at the same epoch', () => {
    const others = [10, 20, 30, 40, 50].map((level, i) =>
      finished(`f${i}`, level, curve([level, level, level])),
    );
    const rule = medianStopping({ minTrials: 5 });
    const bad = rule.decide(context({ points: curve([5, 25]), finished: others }));
    expect(bad).toMatchObject({ stop: true, prediction: 25 });
    expect(bad.stop && bad.reason).toContain('median 30 of 5 finished trials');
    expect(rule.decide(context({ points: curve([5, 35]), finished: others })).stop).toBe(false);
    // Trials that never reached the epoch do not count.
    expect(rule.decide(context({ points: curve([5, 25, 25, 25]), finished: others })).stop).toBe(false);
  });

  it('median stopping with a margin waits while the gap to the median is within margin × the step noise', () => {
    const others = [10, 20, 30, 40, 50].map((level, i) =>
      finished(`f${i}`, level, curve([level, level, level, level, level])),
    );
    // Steps 2, 1, 2: median 2, noise 1.4826 × 2 / √2 = 2.0967; best 23 trails the median 30 by 7.
    const points = curve([20, 22, 21, 23]);
    const stops = medianStopping({ minTrials: 5, margin: 2 }).decide(context({ points, finished: others }));
    expect(stops).toMatchObject({ stop: true, prediction: 23 });
    expect(stops.stop && stops.reason).toBe(
      "median: best 23 is worse than the median 30 of 5 finished trials' running means at epoch 4 by 7, more than 2 × its step noise 2.0967 (last 10 steps)",
    );
    // 4 × 2.0967 = 8.39 > 7: the gap could still close.
    const wide = medianStopping({ minTrials: 5, margin: 4 });
    expect(wide.decide(context({ points, finished: others })).stop).toBe(false);
    // One step cannot size the noise: the rule waits (that one step, 2, would give a margin of 4.19 < the gap 8).
    const oneStep = medianStopping({ minTrials: 5, margin: 2 });
    expect(oneStep.decide(context({ points: curve([20, 22]), finished: others })).stop).toBe(false);
    // Only the last 10 steps count: 11 early steps of 10 then 10 steps of 1. Over all 21 steps the median step is 10
    // (margin 4 × 10.48 = 41.9 > the gap 9: no stop); over the last 10 it is 1 (4 × 1.048 = 4.19 < 9: stop).
    const late = curve([
      ...Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 10 : 20)),
      ...Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 21 : 20)),
    ]);
    const lateFinished = [10, 20, 30, 40, 50].map((level, i) =>
      finished(`g${i}`, level, curve(Array.from({ length: 22 }, () => level))),
    );
    const lateStop = wide.decide(context({ points: late, finished: lateFinished }));
    expect(lateStop).toMatchObject({ stop: true, prediction: 21 });
    expect(lateStop.stop && lateStop.reason).toContain('by 9, more than 4 × its step noise 1.0484');
    expect(() => medianStopping({ margin: -1 })).toThrow(
      'rules.median.margin: expected a finite number >= 0, got -1',
    );
  });
});

describe('deprecated option names', () => {
  it("accepts the median rule's minEpoch once more as minEpochs, with a deprecation warning", async () => {
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', listen);
    const { buildRule } = await import('../../src/rules/from-spec.js');
    const rule = buildRule({ kind: 'median', minTrials: 1, minEpoch: 3 }, { range: [0, 100] });
    const others = [finished('f', 50, curve([50, 50, 50, 50]))];
    expect(rule.decide(context({ points: curve([1, 1]), finished: others })).stop).toBe(false);
    expect(rule.decide(context({ points: curve([1, 1, 1]), finished: others })).stop).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', listen);
    expect(warnings).toContain(
      'DeprecationWarning: predictor.rule.minEpoch (median) is deprecated and will be removed; use minEpochs, which every rule takes',
    );
  });
});
