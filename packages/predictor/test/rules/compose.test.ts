import { describe, expect, it } from 'vitest';
import { neverStop, truncation } from '../../src/rules/baselines.js';
import { allOf, anyOf, minEpochs, patient } from '../../src/rules/compose.js';
import { peng4nnRule } from '../../src/rules/peng4nn.js';
import type { TerminationRule } from '../../src/rules/types.js';
import { context, curve } from '../helpers/context.js';

const always = (name: string, prediction?: number): TerminationRule => ({
  name,
  decide: () =>
    prediction === undefined ? { stop: true, reason: name } : { stop: true, reason: name, prediction },
});

describe('rule composition', () => {
  const ctx = context({ points: curve([1, 2, 3, 4]), target: 10 });

  it('any stops with the first rule that stops; all needs every rule', () => {
    expect(anyOf([neverStop(), always('a', 1), always('b', 2)]).decide(ctx)).toEqual({
      stop: true,
      reason: 'a',
      prediction: 1,
    });
    expect(allOf([always('a'), always('b', 2)]).decide(ctx)).toEqual({
      stop: true,
      reason: 'a AND b',
      prediction: 2,
    });
    expect(allOf([always('a'), neverStop()]).decide(ctx).stop).toBe(false);
    expect(() => anyOf([])).toThrow('rules.any: expected at least one rule, got none');
  });

  it("keeps a probabilistic rule's chance through all, whichever rule's prediction is reported", () => {
    const chance = { probability: 0.01, threshold: 9 };
    const unlikely: TerminationRule = {
      name: 'unlikely',
      decide: () => ({ stop: true, reason: 'unlikely', prediction: 5, chance }),
    };
    expect(allOf([always('a', 1), unlikely]).decide(ctx)).toEqual({
      stop: true,
      reason: 'a AND unlikely',
      prediction: 1,
      chance,
    });
    expect(anyOf([neverStop(), unlikely]).decide(ctx)).toMatchObject({ chance });
    expect(minEpochs(unlikely, { epochs: 2 }).decide(ctx)).toMatchObject({ chance });
    const flat = context({ points: curve([4, 4, 4, 4]), target: 10 });
    expect(patient(unlikely, { patience: 2 }).decide(flat)).toMatchObject({ chance });
    expect(allOf([always('a', 1), always('b')]).decide(ctx)).not.toHaveProperty('chance');
  });

  it('keeps the mark of an observed value (a floor, not an extrapolation) through any and all', () => {
    const observed: TerminationRule = {
      name: 'seen',
      decide: () => ({ stop: true, reason: 'seen', prediction: 3, observed: true }),
    };
    expect(anyOf([neverStop(), observed]).decide(ctx)).toEqual({
      stop: true,
      reason: 'seen',
      prediction: 3,
      observed: true,
    });
    expect(allOf([always('a'), observed, always('b', 2)]).decide(ctx)).toEqual({
      stop: true,
      reason: 'a AND seen AND b',
      prediction: 3,
      observed: true,
    });
    expect(allOf([always('b', 2), observed]).decide(ctx)).toEqual({
      stop: true,
      reason: 'b AND seen',
      prediction: 2,
    });
  });

  it('all: only the reported rule keeps its note of what it reports', () => {
    const noted = (name: string, prediction: number, observed: boolean): TerminationRule => ({
      name,
      decide: () => ({
        stop: true,
        reason: `${name}: why; reporting the last value`,
        prediction,
        ...(observed ? { observed: true } : {}),
      }),
    });
    const calibrated: TerminationRule = {
      name: 'calibrated',
      decide: () => ({ stop: true, reason: 'calibrated: P = 0.01 < 0.1; predicted 4', prediction: 4 }),
    };
    expect(allOf([calibrated, noted('percentile', 3, true)]).decide(ctx)).toEqual({
      stop: true,
      reason: 'calibrated: P = 0.01 < 0.1; predicted 4 AND percentile: why',
      prediction: 4,
    });
    expect(allOf([noted('percentile', 3, true), calibrated]).decide(ctx)).toEqual({
      stop: true,
      reason: 'percentile: why; reporting the last value AND calibrated: P = 0.01 < 0.1; predicted 4',
      prediction: 3,
      observed: true,
    });
  });

  it('propagates the smallest fitFrom so the predictor fits early enough', () => {
    expect(anyOf([neverStop(), peng4nnRule({ firstFitPoints: 2 }), peng4nnRule()]).fitFrom).toBe(2);
    expect(anyOf([neverStop()]).fitFrom).toBeUndefined();
    expect(minEpochs(peng4nnRule(), { epochs: 3 }).fitFrom).toBe(3);
  });

  it('minEpochs holds a rule back until an epoch or a fraction of the target', () => {
    expect(minEpochs(always('a'), { epochs: 5 }).decide(ctx).stop).toBe(false);
    expect(minEpochs(always('a'), { epochs: 4 }).decide(ctx).stop).toBe(true);
    expect(minEpochs(always('a'), { fraction: 0.5 }).decide(ctx).stop).toBe(false);
    expect(minEpochs(truncation({ fraction: 0.1 }), { fraction: 0.4 }).decide(ctx).stop).toBe(true);
  });

  it('patient lets the rule stop only after `patience` points without a gain', () => {
    const improving = context({ points: curve([1, 2, 3, 4]) });
    const flat = context({ points: curve([1, 4, 3, 3.5]) });
    expect(patient(always('a'), { patience: 2 }).decide(improving).stop).toBe(false);
    const verdict = patient(always('a'), { patience: 2 }).decide(flat);
    expect(verdict.stop && verdict.reason).toBe('a (no gain above 0 in the last 2 points)');
    expect(() => patient(always('a'), { patience: -1 })).toThrow(
      'rules.patient.patience: expected an integer >= 0, got -1',
    );
  });
});
