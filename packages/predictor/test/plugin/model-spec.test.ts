import type { EpochLogs, ObjectiveSpec } from '@penguin-nas/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinModels } from '../../src/models/index.js';
import { predictorPlugin } from '../../src/plugin/index.js';
import { hookDriver } from '../helpers/drive.js';

const objectives: ObjectiveSpec[] = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }];
// A saturating curve: 70 - 40·0.8^x, in percent.
const curve: EpochLogs[] = Array.from({ length: 12 }, (_, i) => ({
  epoch: i + 1,
  val_acc: 70 - 40 * 0.8 ** (i + 1),
}));

async function predictionsOf(model: unknown, rule: Record<string, unknown> = { kind: 'peng4nn', N: 50 }) {
  const plugin = predictorPlugin({ model: model as never, rule: rule as never, calibration: false });
  const drive = hookDriver(plugin, objectives, 60);
  return (await drive(curve)).predictions;
}

describe('swapping the curve model', () => {
  it.each([
    ['a family name', 'exp3'],
    ['a list (ensemble weighted by fit quality)', ['peng4nn', 'pow3', 'mmf']],
    [
      'a formula spec',
      {
        name: 'mine',
        formula: 'a - b * exp(-c * x)',
        params: [
          { name: 'a', initial: 0.5, lower: 0, upper: 2 },
          { name: 'b', initial: 0.5, lower: 0, upper: 5 },
          { name: 'c', initial: 0.1, lower: 0, upper: 5 },
        ],
      },
    ],
    ['a CurveModel object', builtinModels.weibull],
  ])('%s predicts the asymptote of a saturating curve', async (_, model) => {
    const predictions = await predictionsOf(model);
    const last = predictions[predictions.length - 1];
    expect(last?.value).toBeCloseTo(70, 0);
    expect(last?.by).toMatch(/^predictor:/);
  });

  it('a live run hands the plausible range to the ensemble: members predicting outside it are left out', async () => {
    const plugin = predictorPlugin({
      model: ['peng4nn', 'pow3', 'mmf'],
      range: [0, 60],
      rule: { kind: 'peng4nn', N: 50 },
      calibration: false,
    });
    const { predictions } = await hookDriver(plugin, objectives, 60)(curve);
    const last = predictions[predictions.length - 1];
    // Every member extrapolates to about 70, above the range: no prediction, and the reason says why.
    expect(last?.value).toBeNull();
    expect(last?.reason).toContain('outside [0, 60]');
  });

  it('warm-started refits give the same predictions as full multi-start fits on a clean curve', async () => {
    const run = async (warm: boolean) => {
      const plugin = predictorPlugin({
        model: 'exp3',
        fit: { warm, refitEvery: 5 },
        rule: { kind: 'peng4nn', N: 50 },
      });
      return (await hookDriver(plugin, objectives, 60)(curve)).predictions.map((p) => p.value as number);
    };
    const [cold, warm] = [await run(false), await run(true)];
    expect(warm).toHaveLength(cold.length);
    for (const [i, value] of warm.entries()) expect(value).toBeCloseTo(cold[i] as number, 3);
  });

  it('does not fit at all for a rule that needs no prediction (never)', async () => {
    expect(await predictionsOf('peng4nn', { kind: 'never' })).toEqual([]);
  });

  it('rejects an unknown family with the list of known ones', () => {
    expect(() => predictorPlugin({ model: 'pow5' })).toThrow(
      /predictor\.model: expected one of 'peng4nn', 'pow3'.*got 'pow5'/,
    );
    expect(() => predictorPlugin({ model: ['pow3', 'nope'] })).toThrow(
      /predictor\.model\.1: expected one of/,
    );
  });
});

describe('real fits on random curves never escape a hook', () => {
  const value = fc.oneof(
    fc.double({ min: -5, max: 120, noNaN: true }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1e308, null, 0),
  );
  it('peng4nn and an ensemble, with calibration', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(value, { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<unknown>('peng4nn', ['pow3', 'weibull']),
        async (curves, model) => {
          const plugin = predictorPlugin({ model: model as never, calibration: { warmup: 2 } });
          const drive = hookDriver(plugin, objectives, 12);
          for (const values of curves) {
            const result = await drive(values.map((v, i) => ({ epoch: i + 1, val_acc: v })));
            for (const p of result.predictions)
              expect(p.value === null || Number.isFinite(p.value)).toBe(true);
            expect(result.events.filter((e) => (e as { event?: string }).event === 'no prediction')).toEqual(
              [],
            );
          }
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  });
});
