import { describe, expect, it } from 'vitest';
import { defaultCalibration, defaultFullTraining } from '../../src/options/defaults.js';
import { ruleSchema } from '../../src/options/rule-schema.js';
import { keepRule } from '../../src/rules/keep.js';
import type { FinishedTrialInfo } from '../../src/rules/types.js';
import { context, curve, finished, step } from '../helpers/context.js';

const reference = (id: string, values: number[]): FinishedTrialInfo => ({
  ...finished(id, values[values.length - 1] as number, curve(values)),
  protected: true,
});

// Four reference trials of 4 epochs (target 4). Finals 40, 30, 25, 20.
const references = [
  reference('A', [10, 20, 30, 40]),
  reference('B', [20, 25, 28, 30]),
  reference('C', [30, 22, 24, 25]),
  reference('D', [5, 10, 15, 20]),
];

describe('keep rule (a promise: keep `keep` of the top `top` trials)', () => {
  // Hand-computed, smoothing 1, keep 0.5, top 0.5: the top are A and B (⌈0.5 · 4⌉ = 2; minTop default 1).
  // A's rank among B, C, D at epochs 1..3 (the target's epoch is not judged): 1/3, 1/3, 3/3 → lowest 1/3.
  // B's rank among A, C, D: 2/3, 3/3, 2/3 → lowest 2/3. Lowest ranks [1/3, 2/3]; the order statistic that a new
  // top trial falls below with probability ≤ 0.5 is index ⌊0.5 · (2 + 1)⌋ − 1 = 0: the level is 1/3.
  const rule = keepRule({ keep: 0.5, top: 0.5, minTrials: 4, smoothing: 1 });
  const at = (values: number[], extra = {}) =>
    rule.decide(context({ points: curve(values), finished: references, target: 4, ...extra }));

  it('stops a trial whose rank among the references falls below the level', () => {
    // At epoch 2, 15 beats only D's 10 of 20, 25, 22, 10: rank 1/4 < 1/3.
    const verdict = at([5, 15]);
    expect(verdict).toMatchObject({ stop: true, prediction: 15, observed: true });
    expect(verdict.stop && verdict.reason).toBe(
      'keep: at epoch 2 its standing 15 beats 25% of 4 reference trials, below 33.3%, the lowest rank 2 of the 2 best references never fell below (keep 50% of the top 50%)',
    );
    // 21 beats A's 20 and D's 10: 2/4; 20 ties A: (1 + 0.5) / 4 = 0.375; both above 1/3.
    expect(at([5, 21]).stop).toBe(false);
    expect(at([5, 20]).stop).toBe(false);
  });

  it('reports the latest prediction when there is one at the same epoch', () => {
    const verdict = at([5, 15], { steps: [step(2, 27)] });
    expect(verdict).toMatchObject({ stop: true, prediction: 27 });
    expect(verdict.stop && verdict.observed).toBeUndefined();
  });

  it('sets its level from reference trials only: survivors and stopped trials do not count', () => {
    const notProtected = references.map((r) => ({ ...r, protected: false }));
    const decide = (list: FinishedTrialInfo[]) =>
      rule.decide(context({ points: curve([5, 15]), finished: list, target: 4 })).stop;
    expect(decide(notProtected)).toBe(false);
    expect(
      decide([...references.slice(0, 3), { ...(references[3] as FinishedTrialInfo), complete: false }]),
    ).toBe(false);
  });

  it('asks for more top references when `keep` is high: none stops until an order statistic can promise it', () => {
    // keep 0.9 needs ⌈1 / 0.1⌉ − 1 = 9 top references; with 4 the index ⌊0.1 · 5⌋ − 1 is negative: no level.
    const strict = keepRule({ keep: 0.9, top: 0.5, minTrials: 4, smoothing: 1 });
    expect(strict.decide(context({ points: curve([0, 0]), finished: references, target: 4 })).stop).toBe(
      false,
    );
    const never = keepRule({ keep: 1, minTrials: 4, smoothing: 1 });
    expect(never.decide(context({ points: curve([0, 0]), finished: references, target: 4 })).stop).toBe(
      false,
    );
  });

  it('does not judge before `from` and sets the level from the judged epochs only', () => {
    // Judged from epoch 3: A's lowest rank is 1 and B's 2/3, so the level is 2/3.
    const late = keepRule({ keep: 0.5, top: 0.5, minTrials: 4, smoothing: 1, from: { epochs: 3 } });
    const decide = (values: number[]) =>
      late.decide(context({ points: curve(values), finished: references, target: 4 })).stop;
    expect(decide([0, 0])).toBe(false);
    // At epoch 3, 26 beats C's 24 and D's 15 of 30, 28, 24, 15: 2/4 < 2/3.
    expect(decide([0, 0, 26])).toBe(true);
    expect(decide([0, 0, 29])).toBe(false);
  });

  it('judges from 10% of the target by default', () => {
    // The same references stretched to a target of 40 epochs (points at 10, 20, 30, 40): nothing before epoch 4.
    const stretched = references.map((r) => ({
      ...r,
      points: r.points.map((p) => ({ ...p, epoch: p.epoch * 10 })),
    }));
    const byDefault = keepRule({ keep: 0.5, top: 0.5, minTrials: 4, smoothing: 1 });
    const decide = (epoch: number) =>
      byDefault.decide(context({ points: [{ epoch, value: 0 }], finished: stretched, target: 40 })).stop;
    expect(decide(3)).toBe(false);
    expect(decide(20)).toBe(true);
    // minEpochs adds a floor to the 10% start, it does not replace it.
    const floored = keepRule({ keep: 0.5, top: 0.5, minTrials: 4, smoothing: 1, from: { epochs: 2 } });
    expect(
      floored.decide(context({ points: [{ epoch: 3, value: 0 }], finished: stretched, target: 40 })).stop,
    ).toBe(false);
  });

  it('is validated, trains its references fully and calibrates from them by default', () => {
    expect(() => keepRule({ keep: 0 })).toThrow('rules.keep.keep: expected a number in (0, 1], got 0');
    expect(ruleSchema.safeParse({ kind: 'keep', top: 1 }).success).toBe(false);
    expect(ruleSchema.parse({ kind: 'keep', keep: 0.8 })).toEqual({ kind: 'keep', keep: 0.8 });
    const spec = { kind: 'any', rules: [{ kind: 'median' }, { kind: 'keep', minTrials: 12 }] } as const;
    expect(defaultFullTraining(false, spec)).toEqual({ first: 12, every: 10 });
    expect(defaultCalibration(spec)).toMatchObject({ learnFrom: 'protected' });
  });
});
