import type { EpochLogs, ObjectiveSpec } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { buildPredictorPlugin } from '../../src/plugin/predictor-plugin.js';
import { hookDriver } from '../helpers/drive.js';
import { persistenceFactory } from '../helpers/persistence.js';

const objectives: ObjectiveSpec[] = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }];

/** A rising, saturating curve towards `level`, 40 epochs. */
function curve(level: number): EpochLogs[] {
  return Array.from({ length: 40 }, (_, i) => ({
    epoch: i + 1,
    val_acc: level * (1 - 0.9 * 0.85 ** (i + 1)),
  }));
}

describe('the default configuration', () => {
  it('trains the first 10 trials fully, then stops a trial that cannot reach the top 10%', async () => {
    const plugin = buildPredictorPlugin({}, persistenceFactory);
    const drive = hookDriver(plugin, objectives, 40);
    for (let i = 0; i < 10; i++) {
      const result = await drive(curve(i % 2 ? 20 : 60 + i));
      expect(result.decision).toBeUndefined();
    }
    const hopeless = await drive(curve(21));
    expect(hopeless.decision?.reason).toMatch(
      /^top-fraction: P\(final reaches .* the top 10% of 10 finished trials\)/,
    );
    expect(hopeless.decision?.reason).toContain('calibrated');
    expect(hopeless.fitness.val_acc?.source).toBe('predicted');
    expect(Math.abs((hopeless.fitness.val_acc?.value as number) - 21)).toBeLessThan(2);
    const promising = await drive(curve(70));
    expect(promising.decision).toBeUndefined();
  });

  it('leaves the paper rule uncalibrated unless asked', async () => {
    const plugin = buildPredictorPlugin({ rule: { kind: 'peng4nn' } }, persistenceFactory);
    const drive = hookDriver(plugin, objectives, 40);
    const first = await drive(curve(50));
    expect(first.decision?.reason).toMatch(/^peng4nn: converged/);
    expect(plugin.state()).not.toHaveProperty('calibration');
  });
});
