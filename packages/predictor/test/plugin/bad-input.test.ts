import type { EpochLogs, ObjectiveSpec } from '@penguin-nas/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPredictorPlugin } from '../../src/plugin/predictor-plugin.js';
import { hookDriver } from '../helpers/drive.js';
import { persistenceFactory } from '../helpers/persistence.js';

const objectives: ObjectiveSpec[] = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }];

/** Any value a trainer might log: finite, huge, NaN, infinite, null, missing. */
const value = fc.oneof(
  fc.double({ min: -1e3, max: 1e3, noNaN: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, null, 0),
);
const epoch = fc.oneof(
  fc.integer({ min: -2, max: 30 }),
  fc.double({ min: 0, max: 30, noNaN: true }),
  fc.constant(Number.NaN),
);
const logs = fc.array(fc.record({ epoch, val_acc: value }), { maxLength: 25 });

const ruleSpecs = [
  { kind: 'peng4nn' },
  { kind: 'peng4nn', N: 2, t: 100, cMin: 1, onFailedFit: 'reset' },
  { kind: 'confident', maxSpread: 5 },
  { kind: 'top-fraction', minTrials: 1, minSpread: 0 },
  { kind: 'median', minTrials: 1 },
  { kind: 'patience', patience: 1 },
  { kind: 'truncation', fraction: 0.1 },
  {
    kind: 'any',
    rules: [
      { kind: 'top-fraction', minTrials: 2 },
      { kind: 'peng4nn', minFraction: 0.2 },
    ],
  },
] as const;

describe('bad input never escapes a hook', () => {
  it.each(ruleSpecs.map((r) => [r.kind, r] as const))(
    '%s: random curves give predictions or clear decisions',
    async (_, rule) => {
      await fc.assert(
        fc.asyncProperty(fc.array(logs, { minLength: 1, maxLength: 6 }), async (trials) => {
          const plugin = buildPredictorPlugin({ rule, calibration: { warmup: 2 } }, persistenceFactory);
          const drive = hookDriver(plugin, objectives, 20);
          for (const curve of trials) {
            const result = await drive(curve as unknown as EpochLogs[]);
            for (const p of result.predictions)
              expect(p.value === null || Number.isFinite(p.value)).toBe(true);
            if (result.decision) {
              expect(result.decision.reason.length).toBeGreaterThan(10);
              expect(result.decision.by).toBe('predictor');
            }
            const fitness = result.fitness.val_acc;
            if (fitness?.source === 'predicted') expect(Number.isFinite(fitness.value)).toBe(true);
          }
          expect(JSON.parse(JSON.stringify(plugin.state()))).toEqual(plugin.state());
        }),
        { numRuns: 40, seed: 7 },
      );
    },
  );

  it('hand-written cases: empty, single point, constant, falling, repeated and unordered epochs', async () => {
    const plugin = buildPredictorPlugin({ rule: { kind: 'peng4nn' } }, persistenceFactory);
    const drive = hookDriver(plugin, objectives, 10);
    const cases: EpochLogs[][] = [
      [],
      [{ epoch: 1, val_acc: 50 }],
      Array.from({ length: 10 }, (_, i) => ({ epoch: i + 1, val_acc: 42 })),
      Array.from({ length: 10 }, (_, i) => ({ epoch: i + 1, val_acc: 90 - 8 * i })),
      [1, 1, 2, 2, 3, 3].map((e) => ({ epoch: e, val_acc: 30 + e })),
      [3, 1, 2, 5, 4].map((e) => ({ epoch: e, val_acc: 30 + e })),
    ];
    const results = [];
    for (const curve of cases) results.push(await drive(curve));
    expect(results[0]?.predictions).toEqual([]);
    expect(results[1]?.predictions).toEqual([]);
    expect(results[2]?.decision?.reason).toContain('[42, 42, 42]');
    // A falling curve: predictions below the plausible range never converge.
    expect(results[3]?.decision).toBeUndefined();
    expect(results[3]?.fitness.val_acc).toMatchObject({ value: 18, source: 'measured' });
  });
});
