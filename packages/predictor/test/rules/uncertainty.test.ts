import { describe, expect, it } from 'vitest';
import { confidentRule } from '../../src/rules/confident.js';
import { normalCdf, topFractionRule, topThreshold } from '../../src/rules/top-fraction.js';
import { context, curve, finished, step } from '../helpers/context.js';

describe('confident rule (stable and trustworthy)', () => {
  const points = curve([10, 20, 30, 40]);
  const stable = (spread: number | null) => [
    step(2, 50, { spread }),
    step(3, 50.2, { spread }),
    step(4, 50.1, { spread }),
  ];

  it('stops only when the window converged and the spread is small', () => {
    const rule = confidentRule({ maxSpread: 1 });
    const verdict = rule.decide(context({ points, steps: stable(0.4) }));
    expect(verdict).toMatchObject({ stop: true, prediction: 50.1 });
    expect(verdict.stop && verdict.reason).toContain('spread 0.4 <= 1');
    expect(rule.decide(context({ points, steps: stable(3) })).stop).toBe(false);
    expect(rule.decide(context({ points, steps: stable(null) })).stop).toBe(false);
    const unstable = [
      step(2, 45, { spread: 0.1 }),
      step(3, 50.2, { spread: 0.1 }),
      step(4, 50.1, { spread: 0.1 }),
    ];
    expect(rule.decide(context({ points, steps: unstable })).stop).toBe(false);
  });

  it('rejects a non-positive maxSpread', () => {
    expect(() => confidentRule({ maxSpread: 0 })).toThrow(
      'rules.confident.maxSpread: expected a finite number > 0, got 0',
    );
  });
});

describe('top-fraction rule (Domhan et al., generalised)', () => {
  const others = Array.from({ length: 10 }, (_, i) => finished(`f${i}`, 50 + i));

  it('computes the threshold of the top fraction and the normal probability', () => {
    expect(topThreshold([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.2)).toBe(9);
    expect(topThreshold([3, 1, 2], 0)).toBe(3);
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.6449)).toBeCloseTo(0.95, 3);
  });

  it('stops a trial that cannot reach the top fraction and keeps one that can', () => {
    const rule = topFractionRule({ fraction: 0.2, delta: 0.05, minTrials: 10, minSpread: 0 });
    const points = curve([30, 40, 45]);
    const hopeless = rule.decide(
      context({ points, steps: [step(3, 50, { spread: 2 })], finished: others, target: 20 }),
    );
    expect(hopeless).toMatchObject({ stop: true, prediction: 50 });
    expect(hopeless.stop && hopeless.reason).toContain('the top 20% of 10 finished trials');
    // The stop carries its numbers: the probability it judged and the threshold it was about.
    const threshold = topThreshold(
      others.map((o) => o.final),
      0.2,
    );
    expect(hopeless.stop && hopeless.chance).toEqual({
      probability: 1 - normalCdf((threshold - 50) / 2),
      threshold,
    });
    const hopeful = rule.decide(context({ points, steps: [step(3, 56, { spread: 2 })], finished: others }));
    expect(hopeful.stop).toBe(false);
  });

  it('waits for minTrials finished trials and for a prediction at the current point', () => {
    const rule = topFractionRule({ minTrials: 11 });
    const points = curve([30, 40, 45]);
    expect(rule.decide(context({ points, steps: [step(3, 0, { spread: 1 })], finished: others })).stop).toBe(
      false,
    );
    const stale = topFractionRule({ minTrials: 10 });
    expect(stale.decide(context({ points, steps: [step(2, 0, { spread: 1 })], finished: others })).stop).toBe(
      false,
    );
  });

  it('uses minSpread as a floor, so an overconfident fit close to the threshold is kept', () => {
    const points = curve([30, 40, 45]);
    const steps = [step(3, 57.5, { spread: 0.01 })];
    expect(topFractionRule({ minSpread: 0 }).decide(context({ points, steps, finished: others })).stop).toBe(
      true,
    );
    expect(topFractionRule({ minSpread: 2 }).decide(context({ points, steps, finished: others })).stop).toBe(
      false,
    );
  });
});
