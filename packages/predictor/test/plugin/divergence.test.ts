import type { CurveRecord } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { divergedReason } from '../../src/plugin/divergence.js';
import { predictorPlugin } from '../../src/plugin/index.js';
import { replayCurves } from '../../src/replay/index.js';

const epochs = Array.from({ length: 10 }, (_, i) => i + 1);
const record = (id: string, values: (number | null)[]): CurveRecord => ({
  id,
  epochs,
  metrics: { val_loss: values as number[] },
  extra: {},
});

describe('divergence guard', () => {
  it('names a curve whose last values are missing, NaN or infinite', () => {
    const logs = (values: unknown[]) => values.map((v, i) => ({ epoch: i + 1, val_loss: v as number }));
    expect(divergedReason(logs([1, 2, Number.NaN, null]), 'val_loss', 3)).toBeUndefined();
    expect(divergedReason(logs([1, Number.POSITIVE_INFINITY, Number.NaN, null]), 'val_loss', 3)).toBe(
      'divergence: val_loss diverged: its last 3 values are [Infinity, NaN, null]; stopped instead of trained to the target',
    );
    expect(divergedReason(logs([null, null, null]), 'val_loss', 3)).toContain('has had no finite value');
  });

  it('stops diverged and null curves under every rule, unless switched off', async () => {
    const curves = [
      record(
        'good',
        epochs.map((e) => 1 / e),
      ),
      record('diverged', [1, 0.8, Number.NaN, null, null, null, null, null, null, null]),
      record(
        'null',
        epochs.map(() => null),
      ),
    ];
    const configs = [
      { name: 'never', options: { rule: { kind: 'never' } } },
      { name: 'off', options: { rule: { kind: 'never' }, divergence: false } },
    ];
    const report = await replayCurves(curves, configs, {
      createPlugin: (options) => predictorPlugin(options),
    });
    const trained = (config: number) =>
      Object.fromEntries((report.configs[config]?.outcomes ?? []).map((o) => [o.id, o.epochs_trained]));
    expect(trained(0)).toEqual({ good: 10, diverged: 5, null: 3 });
    expect(trained(1)).toEqual({ good: 10, diverged: 10, null: 10 });
  });
});
