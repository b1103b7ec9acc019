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
