import type { CurveRecord, Fitness, Plugin } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import {
  formatReplayTable,
  formatSeedsTable,
  perCurveJsonl,
  predictorPlugins,
  type ReplayPluginFactory,
  replayCurves,
  replayOrder,
  replaySeeds,
} from '../../src/replay/index.js';

function curve(id: string, epochs: number[], values: (number | null)[], metric = 'val_acc'): CurveRecord {
  return { id, epochs, metrics: { [metric]: values }, extra: {} };
}

const accuracy = [
  curve('a', [1, 2, 3, 4], [10, 20, 30, 40]),
  curve('b', [1, 2, 3, 4], [50, 55, 58, 60]),
  curve('c', [1, 2, 3, 4], [30, 35, 36, 37]),
  curve('d', [1, 2, 3, 4], [5, 15, 25, 70]),
];

/** Never stops: the baseline "no termination". */
const passive: ReplayPluginFactory = () => ({ name: 'passive', apply: () => {} });

/**
 * A tiny predictor for the harness tests: stops each trial at `stopAt` epochs and reports its last value plus
 * the number of trials that had finished before it started (so the test sees what it learned from).
 */
function stopAt(stopAt: number, seen: string[][]): ReplayPluginFactory {
  return (_options, { metric }) => {
    const finished: string[] = [];
    const plugin: Plugin = {
      name: 'stop-at',
      apply(host) {
        host.hooks.onTrialStart.tapPromise('stop-at', async () => {
          seen.push([...finished]);
        });
        host.hooks.shouldTerminate.tapPromise('stop-at', async (trial) => {
          const last = trial.curve[trial.curve.length - 1];
          return last && last.epoch >= stopAt && last.epoch < trial.maxEpochs
            ? { reason: 'test', by: 'stop-at' }
            : undefined;
        });
        host.hooks.onFitness.tapPromise('stop-at', async (fitness: Fitness, trial) => {
          const objective = fitness[metric];
          if (trial.status !== 'stopped' || !objective) return fitness;
          return {
            ...fitness,
            [metric]: { ...objective, value: objective.value + finished.length, source: 'predicted' },
          };
        });
        host.hooks.onTrialEnd.tapPromise('stop-at', async (trial) => {
          finished.push(String(trial.genome.curve));
        });
      },
    };
    return plugin;
  };
}

describe('replayCurves', () => {
  it('logs every metric a curve has where a configuration reads a training metric, else the judged one', async () => {
    const seen = new Set<string>();
    const recorder: ReplayPluginFactory = () => ({
      name: 'recorder',
      apply(host) {
        host.hooks.onEpochEnd.tapPromise('recorder', async (_trial, logs) => {
          for (const key of Object.keys(logs)) seen.add(key);
        });
      },
    });
    const withTraining = accuracy.map((c) => ({
      ...c,
      metrics: { ...c.metrics, train_acc: (c.metrics.val_acc ?? []).map((v) => (v ?? 0) + 1) },
    }));
    const replayed = async (options: Record<string, unknown>) => {
      seen.clear();
      await replayCurves(withTraining, [{ name: 'x', options }], { createPlugin: recorder });
      return [...seen].sort();
    };
    // The default calibration reads one ('auto'); a rule without a calibration, or a calibration told not to, does not.
    expect(await replayed({})).toEqual(['epoch', 'train_acc', 'val_acc']);
    expect(await replayed({ calibration: { trainingMetric: 'auto' } })).toEqual([
      'epoch',
      'train_acc',
      'val_acc',
    ]);
    expect(await replayed({ calibration: { trainingMetric: false } })).toEqual(['epoch', 'val_acc']);
    expect(await replayed({ rule: { kind: 'median' } })).toEqual(['epoch', 'val_acc']);
  });

  it('replays every curve to its end without termination: nothing saved, rankings exact', async () => {
    const report = await replayCurves(accuracy, [{ name: 'none', options: {} }], {
      createPlugin: passive,
      seed: 3,
    });
    expect(report).toMatchObject({
      metric: 'val_acc',
      direction: 'maximize',
      seed: 3,
      curves: 4,
      targets: [4],
    });
    const [none] = report.configs;
    expect(none?.metrics.epochsSaved).toBe(0);
    expect(none?.metrics.convergedFraction).toBe(0);
    expect(none?.metrics.spearman).toBeCloseTo(1, 12);
    const byId = Object.fromEntries(none?.outcomes.map((o) => [o.id, o]) ?? []);
    expect(byId.d).toEqual({
      id: 'd',
      epochs_trained: 4,
      full_epochs: 4,
      converged: false,
      reported: 70,
      true_final: 70,
    });
  });

  it('meets the curves in one seeded order, and a plugin learns only from curves met before', async () => {
    const seen: string[][] = [];
    const report = await replayCurves(
      accuracy,
      [
        { name: 'stop2', options: {} },
        { name: 'stop3', options: {} },
      ],
      { createPlugin: stopAt(2, seen), seed: 11 },
    );
    const order = replayOrder(['a', 'b', 'c', 'd'], 11);
    for (const config of report.configs) expect(config.outcomes.map((o) => o.id)).toEqual(order);
    // each trial started with exactly the curves before it finished, for each configuration afresh
    expect(seen).toEqual([
      ...order.map((_, i) => order.slice(0, i)),
      ...order.map((_, i) => order.slice(0, i)),
    ]);
    const stop2 = report.configs[0];
    expect(stop2?.metrics.epochsSaved).toBeCloseTo(0.5, 12);
    for (const [i, o] of (stop2?.outcomes ?? []).entries()) {
      const record = accuracy.find((r) => r.id === o.id) as CurveRecord;
      expect(o).toMatchObject({ epochs_trained: 2, full_epochs: 4, converged: true });
      expect(o.reported).toBe((record.metrics.val_acc?.[1] as number) + i);
    }
    const other = await replayCurves(accuracy, [{ name: 'x', options: {} }], {
      createPlugin: passive,
      seed: 12,
    });
    expect(other.configs[0]?.outcomes.map((o) => o.id)).toEqual(replayOrder(['a', 'b', 'c', 'd'], 12));
  });

  it("meets the curves in the file's order when asked, the first `limit` of them", async () => {
    const seen: string[][] = [];
    const options = { createPlugin: stopAt(2, seen), seed: 11, inFileOrder: true, limit: 3 };
    const report = await replayCurves(accuracy, [{ name: 'stop2', options: {} }], options);
    expect(report.inFileOrder).toBe(true);
    expect(report.configs[0]?.outcomes.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(seen).toEqual([[], ['a'], ['a', 'b']]);
    expect(formatReplayTable(report)).toContain(
      '3 curves, val_acc (maximize), target epoch 4, in the file order',
    );
    // One order is one figure: several seeds over it are refused, not averaged into a spread of zero.
    await expect(
      replaySeeds(
        accuracy,
        [{ name: 'x', options: {} }],
        { createPlugin: passive, inFileOrder: true },
        [0, 1],
      ),
    ).rejects.toThrow(
      'replay.seeds: the file order is one order, so one figure; expected one seed with inFileOrder, got 2',
    );
  });

  it('handles loss curves with nulls, a before-training point and different lengths', async () => {
    const losses = [
      curve('short', [0, 1, 2, 3], [0.9, 0.7, 0.6, 0.5], 'valid_loss'),
      curve('long', [0, 1, 2, 3, 4, 5], [0.9, 0.8, 0.6, 0.4, 0.3, 0.2], 'valid_loss'),
      curve('diverged', [0, 1, 2, 3, 4, 5], [0.9, 2, 50, null, null, null], 'valid_loss'),
      curve('gap', [0, 1, 2, 3, 4, 5], [0.9, null, 0.5, 0.45, 0.4, 0.35], 'valid_loss'),
      curve('dead', [0, 1, 2, 3, 4, 5], [0.9, null, null, null, null, null], 'valid_loss'),
    ];
    const report = await replayCurves(losses, [{ name: 'none', options: {} }], { createPlugin: passive });
    expect(report.metric).toBe('valid_loss');
    expect(report.direction).toBe('minimize');
    expect(report.targets).toEqual([3, 5]);
    const byId = Object.fromEntries(report.configs[0]?.outcomes.map((o) => [o.id, o]) ?? []);
    expect(byId.short).toMatchObject({ epochs_trained: 3, full_epochs: 3, reported: 0.5, true_final: 0.5 });
    // full training reports the last finite value: that is the ground truth too, so "no termination" is exact
    expect(byId.diverged).toMatchObject({ epochs_trained: 5, reported: 50, true_final: 50 });
    expect(byId.dead).toMatchObject({ epochs_trained: 5, reported: null, true_final: null });
    expect(byId.gap).toMatchObject({ reported: 0.35, true_final: 0.35 });
    // best first: long 0.2, gap 0.35, short 0.5, diverged 50, dead (worst)
    expect(report.configs[0]?.metrics.spearman).toBeCloseTo(1, 12);
  });

  it('uses one target for every curve when asked, skipping curves that do not reach it', async () => {
    const mixed = [...accuracy, curve('early', [1, 2], [1, 2])];
    const report = await replayCurves(mixed, [{ name: 'none', options: {} }], {
      createPlugin: passive,
      target: 3,
    });
    expect(report.skipped).toEqual([{ id: 'early', reason: 'ends at epoch 2, before the target 3' }]);
    expect(report.targets).toEqual([3]);
    const byId = Object.fromEntries(report.configs[0]?.outcomes.map((o) => [o.id, o]) ?? []);
    expect(byId.d).toMatchObject({ epochs_trained: 3, full_epochs: 3, reported: 25, true_final: 25 });
  });

  it('writes per-curve rows and a side-by-side table', async () => {
    const report = await replayCurves(
      accuracy,
      [
        { name: 'none', options: {} },
        { name: 'stop2', options: { stop: true } },
      ],
      { createPlugin: (o, m) => (o.stop ? stopAt(2, [])(o, m) : passive(o, m)), file: 'mem.jsonl' },
    );
    const rows = perCurveJsonl(report)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(8);
    expect(Object.keys(rows[0])).toEqual([
      'id',
      'config',
      'epochs_trained',
      'full_epochs',
      'converged',
      'reported',
      'true_final',
    ]);
    const table = formatReplayTable(report);
    expect(table).toContain('mem.jsonl: 4 curves, val_acc (maximize), target epoch 4, seed 0');
    expect(table).toContain('| metric | none | stop2 |');
    expect(table).toContain('| epochs saved | 0.0% | 50.0% |');
    expect(table).toContain('| converged (stopped early) | 0.0% | 100.0% |');
    expect(table).toMatch(/\| top-10 \(K=4\) recall \| 1 \| 1 \|/);
    expect(rows.filter((r) => r.config === 'stop2').every((r) => r.epochs_trained === 2)).toBe(true);
    // A stopped trial's row says why it was stopped; a trained one has no reason.
    expect(rows.filter((r) => r.config === 'stop2').every((r) => r.reason === 'test')).toBe(true);
    expect(rows.filter((r) => r.config === 'none').every((r) => !('reason' in r))).toBe(true);
  });

  it("keeps a probabilistic stop's chance in its row, and counts what the chances promised against what happened", async () => {
    const chance = { probability: 0.1, threshold: 50 };
    const unlikely: ReplayPluginFactory = () => ({
      name: 'unlikely',
      apply(host) {
        host.hooks.shouldTerminate.tapPromise('unlikely', async (trial) =>
          trial.curve.length === 2 ? { reason: 'unlikely', by: 'unlikely', chance } : undefined,
        );
      },
    });
    const report = await replayCurves(accuracy, [{ name: 'unlikely', options: {} }], {
      createPlugin: unlikely,
    });
    const rows = perCurveJsonl(report)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.every((r) => r.stop_probability === 0.1 && r.stop_threshold === 50)).toBe(true);
    // True finals 40, 60, 37, 70: two of the four stops would have reached 50; the chances promised 0.4.
    expect(report.configs[0]?.metrics.stopChances).toEqual({ stops: 4, expected: 0.4, reached: 2 });
    const table = formatReplayTable(report);
    expect(table).toContain('| stops judged by a probability | 4 |');
    expect(table).toContain('| … expected to reach their threshold (Σ P) | 0.4 |');
    expect(table).toContain('| … that reached it | 2 |');
    // Over several orders, as mean ± sd.
    const seeds = await replaySeeds(
      accuracy,
      [{ name: 'unlikely', options: {} }],
      { createPlugin: unlikely },
      [0, 1],
    );
    expect(seeds.summary[0]?.stopChances?.expected).toEqual({ mean: 0.4, sd: 0 });
    const text = formatSeedsTable(seeds);
    expect(text).toContain('| stops judged by a probability | 4.0 ± 0.0 |');
    expect(text).toContain('| … expected to reach their threshold (Σ P) | 0.40 ± 0.00 |');
    expect(text).toContain('| … that reached it | 2.0 ± 0.0 |');
  });

  it("gives the default predictor's probabilistic stops of a loss their threshold in the loss's own units", async () => {
    // 40 loss curves falling to asymptotes between 0.2 and 2.15, 20 epochs: enough for the calibration and the
    // top-fraction rule to judge.
    const losses = Array.from({ length: 40 }, (_, i) => {
      const floor = 0.2 + ((i * 37) % 40) * 0.05;
      const epochs = Array.from({ length: 20 }, (_, e) => e + 1);
      return curve(
        `l${i}`,
        epochs,
        epochs.map((e) => floor + 2 * Math.exp(-e / 4)),
        'val_loss',
      );
    });
    const configs = [{ name: 'default', options: {} }];
    const report = await replayCurves(losses, configs, {
      metric: 'val_loss',
      createPlugin: predictorPlugins(configs),
    });
    const outcomes = report.configs[0]?.outcomes ?? [];
    const judged = outcomes.filter((o) => o.stop_probability !== undefined);
    expect(judged.length).toBeGreaterThan(0);
    for (const o of judged) {
      expect(o.stop_probability).toBeLessThan(0.05);
      expect(o.stop_threshold).toBeGreaterThan(0.2); // a loss, not the negated score the rules compare
      expect(o.stop_threshold).toBeLessThan(2.2);
    }
    expect(report.configs[0]?.metrics.stopChances?.stops).toBe(judged.length);
  });

  it('rejects bad input with what was expected and what was found', async () => {
    const options = { createPlugin: passive };
    await expect(replayCurves(accuracy, [], options)).rejects.toThrow(
      'replay.configs: expected at least one configuration, got none',
    );
    await expect(
      replayCurves(
        accuracy,
        [
          { name: 'x', options: {} },
          { name: 'x', options: {} },
        ],
        options,
      ),
    ).rejects.toThrow('replay.configs[1].name: expected unique names, got "x" twice');
    await expect(
      replayCurves(accuracy, [{ name: 'x', options: {} }], { ...options, metric: 'val_loss' }),
    ).rejects.toThrow(
      'replay: no curve has the metric "val_loss" (metrics found: val_acc); choose one with --metric',
    );
    await expect(
      replayCurves(accuracy, [{ name: 'x', options: {} }], { ...options, target: -1 }),
    ).rejects.toThrow('replay.target: expected a positive finite epoch, got -1');
  });

  it('reports progress within a curve, so one long curve is not silent (#13.11)', async () => {
    const long = curve('long', [1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8]);
    const calls: [string, number, number][] = [];
    await replayCurves([long, accuracy[1] as CurveRecord], [{ name: 'none', options: {} }], {
      createPlugin: passive,
      seed: 0,
      onProgress: (config, done, total) => calls.push([config, done, total]),
    });
    const done = calls.map((c) => c[1]);
    expect(calls.every(([config, , total]) => config === 'none' && total === 2)).toBe(true);
    expect(done.filter((d) => d > 0 && d < 1).length).toBeGreaterThanOrEqual(3);
    expect(done.slice(1).every((d, i) => d >= (done[i] as number))).toBe(true);
    expect(done.at(-1)).toBe(2);
    expect(done.filter(Number.isInteger)).toEqual([1, 2]);
  });
});
