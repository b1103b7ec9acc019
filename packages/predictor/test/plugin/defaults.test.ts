import type { EpochLogs, ObjectiveSpec } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import type { CalibrationState } from '../../src/calibration/types.js';
import {
  calibratedStopsNeedStanding,
  DEFAULT_RULE,
  defaultCalibration,
  defaultFullTraining,
  judgesWithoutCalibration,
  ruleOfKind,
} from '../../src/options/defaults.js';
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
  it('stops below-median trials while the calibration warms up, then worse-half trials that cannot reach the top 10%', async () => {
    const plugin = buildPredictorPlugin({}, persistenceFactory);
    const drive = hookDriver(plugin, objectives, 40);
    // Median stopping needs 3 finished trials: the first three train fully.
    for (const level of [60, 62, 64]) expect((await drive(curve(level))).decision).toBeUndefined();

    // Warm-up: no calibration yet, so a below-median trial stops and reports its best value so far.
    const poor = await drive(curve(20));
    expect(poor.decision?.reason).toMatch(
      /^median: best .* is worse than the median .* of 3 finished trials/,
    );
    expect(poor.fitness.val_acc?.source).toBe('predicted');
    const earlyValues = curve(20)
      .slice(0, 4)
      .map((p) => p.val_acc);
    expect(earlyValues).toContain(poor.fitness.val_acc?.value);
    // Median stopping waits for 10% of the target epochs (4 of 40).
    expect(poor.predictions.at(-1)?.epoch).toBe(4);

    // Trials above the median train fully and teach the calibration (5 needed).
    for (const level of [66, 68]) {
      const result = await drive(curve(level));
      expect(result.decision).toBeUndefined();
    }

    // The stopped trial (the fourth, t3) taught the calibration the epochs before its stop, with the value it reported as its final.
    const calibration = (plugin.state() as { calibration: CalibrationState }).calibration;
    const taught = calibration.samples.find((sample) => sample.id === 't3');
    expect(taught).toMatchObject({ final: poor.fitness.val_acc?.value, until: 4, epochs: [1, 2, 3, 4] });
    expect(calibration.samples.filter((sample) => sample.until === undefined)).toHaveLength(5);

    // Calibrated now, after 5 trials trained to the target: a hopeless trial stops at once on its calibrated
    // prediction, being in the worse half too, before median stopping may judge (10% of the target, epoch 4).
    const weak = await drive(curve(40));
    expect(weak.decision?.reason).toMatch(
      /^top-fraction: P\(final reaches .* the top 10% of 6 finished trials\) .*calibrated.* AND percentile: /,
    );
    expect(weak.predictions.at(-1)?.epoch).toBeLessThan(4);
    // It is predicted below its true final of 40: the stopped trial, which reported its value so far, taught that
    // trials this low early end low.
    expect(weak.fitness.val_acc?.value).toBeGreaterThan(34);
    expect(weak.fitness.val_acc?.value).toBeLessThan(40);

    // Trials better than half of their peers at every epoch train fully whatever their prediction.
    for (const level of [70, 72, 74, 76, 78]) {
      const result = await drive(curve(level));
      expect(result.decision).toBeUndefined();
    }

    // In the worse half of its peers and unlikely to reach the top 10%: stopped before median stopping may judge.
    const middling = await drive(curve(65));
    expect(middling.decision?.reason).toMatch(
      /^top-fraction: P\(final reaches .* the top 10% of 12 finished trials\) .* AND percentile: /,
    );
    expect(middling.decision?.reason).toContain('calibrated');
    // It reports the calibrated prediction, and its reason does not claim the percentile rule's last value.
    expect(middling.decision?.reason).not.toContain('reporting the last value');
    expect(middling.predictions.at(-1)?.epoch).toBeLessThan(4);
    expect(Math.abs((middling.fitness.val_acc?.value as number) - 65)).toBeLessThan(2);

    // Just as unlikely to reach the top 10%, but better than half of its peers at every epoch: a prediction alone
    // does not stop it, and it trains to the end.
    const better = await drive(curve(71));
    expect(better.decision).toBeUndefined();

    const promising = await drive(curve(80));
    expect(promising.decision).toBeUndefined();
  });

  it('without the worse-half condition the same better-half trial would be stopped on its prediction alone', async () => {
    const withoutPeers = {
      kind: 'any',
      rules: [
        { kind: 'median', minTrials: 3, minFraction: 0.1 },
        { kind: 'top-fraction', fraction: 0.1, delta: 0.1, minTrials: 10 },
      ],
      minFraction: 0.03,
    } as const;
    const plugin = buildPredictorPlugin({ rule: withoutPeers }, persistenceFactory);
    const drive = hookDriver(plugin, objectives, 40);
    for (const level of [60, 62, 64, 20, 66, 68, 70, 72, 74, 76, 78, 40, 65]) await drive(curve(level));
    const better = await drive(curve(71));
    expect(better.decision?.reason).toMatch(/^top-fraction: P\(final reaches .*calibrated/);
  });

  it('a median-stopped trial reports the calibrated prediction when it is above its best so far', async () => {
    const plugin = buildPredictorPlugin(
      { rule: { kind: 'median', minTrials: 3 }, calibration: { warmup: 3 } },
      persistenceFactory,
    );
    const drive = hookDriver(plugin, objectives, 40);
    for (const level of [60, 62, 64]) expect((await drive(curve(level))).decision).toBeUndefined();
    const weak = await drive(curve(40));
    expect(weak.decision?.reason).toMatch(
      /^median: best (\S+) is worse than .*; reporting the calibrated prediction (\S+) instead$/,
    );
    const [, best, calibrated] =
      /best (\S+) .* prediction (\S+) instead/.exec(weak.decision?.reason ?? '') ?? [];
    expect(Number(calibrated)).toBeGreaterThan(Number(best));
    expect(weak.fitness.val_acc?.value).toBeCloseTo(Number(calibrated), 3);
    expect(weak.fitness.val_acc?.source).toBe('predicted');
  });

  it('ruleOfKind finds the first rule of a kind, nested in any / all, depth first', () => {
    expect(ruleOfKind(DEFAULT_RULE, 'top-fraction')).toMatchObject({
      delta: 0.02,
      fraction: 0.1,
      minTrials: 5,
    });
    expect(ruleOfKind(DEFAULT_RULE, 'median')).toMatchObject({ minTrials: 3 });
    expect(ruleOfKind(DEFAULT_RULE, 'keep')).toBeUndefined();
    const keep = { kind: 'keep', keep: 0.9 } as const;
    expect(
      ruleOfKind({ kind: 'all', rules: [{ kind: 'median' }, { kind: 'any', rules: [keep] }] }, 'keep'),
    ).toBe(keep);
    expect(ruleOfKind(keep, 'keep')).toBe(keep);
  });

  it('stopped trials teach the calibration by default only where calibrated stops need the standing too', async () => {
    const alone = { kind: 'top-fraction', fraction: 0.1, delta: 0.1, minTrials: 10 } as const;
    expect(calibratedStopsNeedStanding(DEFAULT_RULE)).toBe(true);
    expect(calibratedStopsNeedStanding(alone)).toBe(false);
    expect(calibratedStopsNeedStanding({ kind: 'any', rules: [{ kind: 'median' }, alone] })).toBe(false);
    expect(
      calibratedStopsNeedStanding({ kind: 'all', rules: [alone, { kind: 'median', minTrials: 3 }] }),
    ).toBe(true);
    expect(defaultCalibration(DEFAULT_RULE)).toMatchObject({ fromStopped: true });
    expect(defaultCalibration(alone)).toMatchObject({ fromStopped: false });
    // Asked off, a stopped trial teaches nothing.
    const plugin = buildPredictorPlugin({ calibration: { fromStopped: false } }, persistenceFactory);
    const drive = hookDriver(plugin, objectives, 40);
    for (const level of [60, 62, 64]) await drive(curve(level));
    const poor = await drive(curve(20));
    expect(poor.decision?.reason).toMatch(/^median: /);
    const state = plugin.state() as { calibration: CalibrationState };
    expect(state.calibration.samples.map((sample) => sample.id)).not.toContain('t3');
  });

  it('leaves the paper rule uncalibrated unless asked', async () => {
    const plugin = buildPredictorPlugin({ rule: { kind: 'peng4nn' } }, persistenceFactory);
    const drive = hookDriver(plugin, objectives, 40);
    const first = await drive(curve(50));
    expect(first.decision?.reason).toMatch(/^peng4nn: converged/);
    expect(plugin.state()).not.toHaveProperty('calibration');
  });

  it('trains trials fully by default only when no rule can sort them before the calibration is ready', () => {
    const calibration = { warmup: 8 };
    expect(judgesWithoutCalibration(DEFAULT_RULE)).toBe(true);
    expect(defaultFullTraining(calibration, DEFAULT_RULE)).toEqual({ first: 0 });
    expect(defaultFullTraining(calibration, { kind: 'top-fraction' })).toEqual({ first: 8 });
    expect(defaultFullTraining({}, { kind: 'confident' })).toEqual({ first: 5 });
    // The peng4nn window stops every trial sooner or later: it would starve the calibration.
    expect(defaultFullTraining(calibration, { kind: 'peng4nn' })).toEqual({ first: 8 });
    expect(
      defaultFullTraining(calibration, {
        kind: 'all',
        rules: [{ kind: 'median' }, { kind: 'top-fraction' }],
      }),
    ).toEqual({ first: 8 });
    expect(defaultFullTraining(calibration, { kind: 'patience', patience: 3 })).toEqual({ first: 0 });
    expect(defaultFullTraining(false, { kind: 'top-fraction' })).toEqual({ first: 0 });
  });
});
