import type { CurveRecord } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { predictorPlugin } from '../../src/plugin/index.js';
import {
  BASELINE_CONFIGS,
  REFERENCE_CONFIG,
  type ReplayPluginFactory,
  replayCurves,
  standardConfigs,
} from '../../src/replay/index.js';

/** Saturating accuracy curves a − k·e^(−x/τ) over 10 epochs, different asymptotes and speeds. */
function saturating(id: string, a: number, k: number, tau: number): CurveRecord {
  const epochs = Array.from({ length: 10 }, (_, i) => i + 1);
  return { id, epochs, metrics: { val_acc: epochs.map((x) => a - k * Math.exp(-x / tau)) }, extra: {} };
}

const curves = [
  saturating('c1', 90, 60, 2),
  saturating('c2', 80, 50, 3),
  saturating('c3', 70, 40, 1.5),
  saturating('c4', 85, 70, 4),
  saturating('c5', 60, 30, 2),
  saturating('c6', 75, 55, 2.5),
];

const realPlugin: ReplayPluginFactory = (options) => predictorPlugin(options);

describe('standard configurations through the real predictor plugin', () => {
  it('are valid predictor options, with unique names', () => {
    const names = standardConfigs().map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const config of standardConfigs()) expect(() => predictorPlugin(config.options)).not.toThrow();
  });

  it('never stop without termination, and truncate at 30% reporting the value there', async () => {
    const configs = BASELINE_CONFIGS.filter(
      (c) => c.name === 'no termination' || c.name === 'truncation 30%',
    );
    const report = await replayCurves(curves, configs, { createPlugin: realPlugin, seed: 1 });
    const [none, truncated] = report.configs;
    expect(none?.metrics.epochsSaved).toBe(0);
    expect(none?.metrics.spearman).toBeCloseTo(1, 12);
    expect(truncated?.metrics.epochsSaved).toBeCloseTo(0.7, 12);
    for (const o of truncated?.outcomes ?? []) {
      const record = curves.find((c) => c.id === o.id) as CurveRecord;
      expect(o).toMatchObject({ epochs_trained: 3, full_epochs: 10, converged: true });
      expect(o.reported).toBeCloseTo(record.metrics.val_acc?.[2] as number, 12);
    }
  });

  it('run ASHA through the engine: the first curve trains fully, the others stop only at a rung', async () => {
    const asha = { name: 'asha', options: { rule: { kind: 'asha', reductionFactor: 2 } } };
    const report = await replayCurves(curves, [asha], { createPlugin: realPlugin, seed: 3 });
    const outcomes = report.configs[0]?.outcomes ?? [];
    expect(outcomes[0]).toMatchObject({ epochs_trained: 10, converged: false });
    expect(outcomes.some((o) => o.converged)).toBe(true);
    for (const o of outcomes.filter((o) => o.converged)) {
      expect([1, 2, 4, 8]).toContain(o.epochs_trained);
      const record = curves.find((c) => c.id === o.id) as CurveRecord;
      expect(o.reported).toBeCloseTo(record.metrics.val_acc?.[o.epochs_trained - 1] as number, 12);
    }
  });

  it('stop smooth saturating curves early with the reference rule, close to the truth', async () => {
    const report = await replayCurves(curves, [REFERENCE_CONFIG], { createPlugin: realPlugin });
    const reference = report.configs[0];
    expect(reference?.failures).toEqual([]);
    expect(reference?.metrics.epochsSaved).toBeGreaterThan(0.2);
    // exact exponential curves: the peng4nn family fits them, so converged predictions are near the asymptote
    expect(reference?.metrics.predictionError.mean).toBeLessThan(2);
  });
});
