import { describe, expect, it } from 'vitest';
import { ashaRule, bracketOf, hyperbandRule, percentileOf, rungEpochs } from '../../src/rules/asha.js';
import { context, curve, finished } from '../helpers/context.js';

const peers = [
  finished('A', 0.6, curve([0.5, 0.6]), false),
  finished('B', 0.3, curve([0.3]), false),
  finished('C', 0.8, curve([0.7, 0.8]), false),
];

describe('asha', () => {
  it('places rungs at r·η^(s+k) below the target', () => {
    expect(rungEpochs(1, 4, 0, 200)).toEqual([1, 4, 16, 64]);
    expect(rungEpochs(1, 4, 0, 64)).toEqual([1, 4, 16]);
    expect(rungEpochs(1, 4, 1, 200)).toEqual([4, 16, 64]);
    expect(ashaRule({ minResource: 'auto' }).rungs(1000)).toEqual([10, 40, 160, 640]);
  });

  it('keeps the top max(1, ⌊n/η⌋) of the n values at a rung, itself included (Optuna)', () => {
    const rule = ashaRule({ reductionFactor: 2 });
    // Rung 1 holds 0.5, 0.3, 0.7 and the trial's own value: n = 4, the top 2 continue (threshold 0.5).
    const stopped = rule.decide(context({ points: curve([0.4]), finished: peers }));
    expect(stopped).toMatchObject({ stop: true, prediction: 0.4, observed: true });
    expect(stopped.stop && stopped.reason).toBe(
      'asha: value 0.4 at rung epoch 1 not in the top 1/2 of 4 values at the rung; reporting the last value',
    );
    expect(rule.decide(context({ points: curve([0.5]), finished: peers })).stop).toBe(false);
    // Rung 2 holds 0.6, 0.8 and 0.75: n = 3, only the best continues.
    expect(rule.decide(context({ points: curve([0.9, 0.75]), finished: peers })).stop).toBe(true);
    // Between rungs nothing is judged.
    expect(rule.decide(context({ points: curve([0.9, 0.9, 0.1]), finished: peers })).stop).toBe(false);
  });

  it('cuts at the (1 − 1/η) percentile of the earlier values (Ray)', () => {
    const rule = ashaRule({ reductionFactor: 2, style: 'ray' });
    expect(rule.decide(context({ points: curve([0.4]), finished: peers })).stop).toBe(true);
    expect(rule.decide(context({ points: curve([0.5]), finished: peers })).stop).toBe(false);
    // Rung 2: the median of 0.6 and 0.8 is 0.7, so 0.75 continues here (Optuna's test stops it).
    expect(rule.decide(context({ points: curve([0.9, 0.75]), finished: peers })).stop).toBe(false);
    expect(rule.decide(context({ points: curve([0.9, 0.65]), finished: peers })).stop).toBe(true);
  });

  it('lets the first trial at a rung continue, and judges every rung a gap crosses', () => {
    expect(ashaRule().decide(context({ points: curve([0.1]) })).stop).toBe(false);
    const rule = ashaRule({ reductionFactor: 2, minResource: 2 });
    // Epochs 1 then 5 cross rungs 2 and 4: at rung 2, 0.6, 0.8 and 0.7 → only 0.8 continues.
    const verdict = rule.decide(context({ points: curve([0.1, 0.7], [1, 5]), finished: peers }));
    expect(verdict.stop && verdict.reason).toContain('at rung epoch 2 ');
  });

  it('stops while a rung holds no more than bootstrapCount values (Optuna)', () => {
    const rule = ashaRule({ bootstrapCount: 1 });
    const verdict = rule.decide(context({ points: curve([0.9]) }));
    expect(verdict.stop && verdict.reason).toContain('only 1 value(s) at the rung, bootstrap count 1');
  });

  it('validates its options eagerly', () => {
    expect(() => ashaRule({ reductionFactor: 1 })).toThrow(
      'rules.asha.reductionFactor: expected a number >= 2, got 1',
    );
    expect(() => ashaRule({ minResource: 0 })).toThrow(
      "rules.asha.minResource: expected a number > 0 or 'auto', got 0",
    );
    expect(() => ashaRule({ minEarlyStoppingRate: -1 })).toThrow(
      'rules.asha.minEarlyStoppingRate: expected an integer >= 0, got -1',
    );
  });

  it('interpolates percentiles linearly, as numpy', () => {
    expect(percentileOf([0.3, 0.5, 0.7], 75)).toBeCloseTo(0.6, 12);
    expect(percentileOf([4], 50)).toBe(4);
  });
});

describe('hyperband', () => {
  it('assigns each trial id a stable bracket', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `trial-${i}`);
    const brackets = ids.map((id) => bracketOf(id, 3));
    expect(brackets).toEqual(ids.map((id) => bracketOf(id, 3)));
    expect(new Set(brackets)).toEqual(new Set([0, 1, 2]));
  });

  it('runs one ASHA per bracket, with rungs from r·η^b, against the finished trials of its bracket', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `trial-${i}`);
    const inFirst = ids.filter((id) => bracketOf(id, 2) === 0);
    const inSecond = ids.filter((id) => bracketOf(id, 2) === 1);
    const rule = hyperbandRule({ reductionFactor: 2, brackets: 2 });
    const strong = [0.9, 0.9, 0.9].map((v, i) => finished(inSecond[i] as string, v, curve([v, v])));
    // Bracket 1 (rungs 1, 2, 4…): its peers are all in the other bracket, so it is the first at its rung.
    const own = inFirst[0] as string;
    expect(rule.decide(context({ trialId: own, points: curve([0.1]), finished: strong })).stop).toBe(false);
    // Bracket 2 (rungs 2, 4…): no rung at epoch 1; at epoch 2 it meets the strong peers of its bracket.
    const other = inSecond[3] as string;
    expect(rule.decide(context({ trialId: other, points: curve([0.1]), finished: strong })).stop).toBe(false);
    const verdict = rule.decide(context({ trialId: other, points: curve([0.1, 0.2]), finished: strong }));
    expect(verdict.stop && verdict.reason).toContain('(bracket 2 of 2)');
  });

  it('counts ⌊log_η(target / r)⌋ + 1 brackets by default and validates them', () => {
    // Target 100, r = 1, η = 4: 4 brackets; bracket 4 has its only rung at epoch 64.
    const ids = Array.from({ length: 80 }, (_, i) => `trial-${i}`);
    const first = ids.filter((id) => bracketOf(id, 4) === 0);
    const last = ids.filter((id) => bracketOf(id, 4) === 3);
    const rule = hyperbandRule();
    const peersOf = (group: string[]) => group.slice(1, 4).map((id) => finished(id, 0.9, curve([0.9, 0.9])));
    const low = curve(Array.from({ length: 16 }, () => 0.1));
    expect(
      rule.decide(context({ trialId: last[0] as string, points: low, finished: peersOf(last) })).stop,
    ).toBe(false);
    const verdict = rule.decide(
      context({ trialId: first[0] as string, points: curve([0.1]), finished: peersOf(first) }),
    );
    expect(verdict.stop && verdict.reason).toContain('(bracket 1 of 4)');
    expect(() => hyperbandRule({ brackets: 0 })).toThrow(
      'rules.hyperband.brackets: expected an integer >= 1, got 0',
    );
  });
});
