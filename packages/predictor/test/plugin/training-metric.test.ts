import { type CurveRecord, Engine } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { predictorPlugin } from '../../src/plugin/index.js';
import { buildPredictorPlugin } from '../../src/plugin/predictor-plugin.js';
import { type ReplayPluginFactory, replayCurves } from '../../src/replay/index.js';
import { persistenceFactory } from '../helpers/persistence.js';

/**
 * Trials of quality q whose training accuracy rises smoothly to q while the validation accuracy (a small validation
 * set) reads it with noise that fades as training settles: the training metric tells the final apart early.
 */
function noisyValidation(index: number): CurveRecord {
  const q = 60 + ((index * 37) % 31);
  const epochs = Array.from({ length: 20 }, (_, i) => i + 1);
  const train = epochs.map((x) => q - 30 * Math.exp(-x / 3));
  const noise = (x: number) => 8 * Math.exp(-x / 6) * Math.sin(12.9898 * (index + 1) * x);
  const val = train.map((t, i) => t - 5 + noise(epochs[i] as number));
  return { id: `t${index}`, epochs, metrics: { val_acc: val, train_acc: train }, extra: {} };
}

const curves = Array.from({ length: 60 }, (_, i) => noisyValidation(i));
const realPlugin: ReplayPluginFactory = (options) => predictorPlugin(options);

describe('calibration.trainingMetric', () => {
  // Stopped trials do not teach here (`fromStopped: false`): what they would teach is the value they reported, which
  // the feature cannot correct (with it on, this run's errors are 6.9 points without the feature and 9.2 with it).
  it('a training metric that tells the finals apart makes the values handed to the searcher closer', async () => {
    const calibration = { fromStopped: false } as const;
    const unchecked = { ...calibration, trainingMetricCheck: false } as const;
    const report = await replayCurves(
      curves,
      [
        { name: 'validation only', options: { calibration: { ...calibration, trainingMetric: false } } },
        { name: 'named', options: { calibration: { ...unchecked, trainingMetric: 'train_acc' } } },
        { name: 'auto', options: { calibration: { ...unchecked, trainingMetric: 'auto' } } },
        { name: 'checked (the default check)', options: { calibration } },
      ],
      { createPlugin: realPlugin, seed: 2 },
    );
    const [without, named, auto, checked] = report.configs.map((c) => c.metrics);
    if (!without || !named || !auto || !checked) throw new Error('expected four reports');
    expect(named.predictionError.count).toBeGreaterThan(10);
    // 5.9 → 1.9 points (median 4.1 → 0.2).
    expect(named.predictionError.mean).toBeLessThan(0.5 * without.predictionError.mean);
    // `auto` finds train_acc beside val_acc: the very same run.
    expect(auto).toEqual(named);
    // The default uses it once it predicted 3 trained trials better: 5.9 → 3.8 (median 4.1 → 0.5), later trials only.
    expect(checked.predictionError.mean).toBeLessThan(0.7 * without.predictionError.mean);
    expect(checked.predictionError.median).toBeLessThan(0.25 * without.predictionError.median);
    expect(checked.predictionError.mean).toBeGreaterThan(named.predictionError.mean);
    // A stop says when its calibration used the training metric; none before it proved itself, none without it.
    const reasons = (i: number) => (report.configs[i]?.outcomes ?? []).map((o) => o.reason ?? '');
    const withMetric = (i: number) =>
      reasons(i).filter((r) => r.includes('calibrated with train_acc')).length;
    expect(withMetric(0)).toBe(0);
    expect(withMetric(3)).toBeGreaterThan(0);
    expect(reasons(3).some((r) => r.includes(', calibrated)'))).toBe(true);
  });

  it("'auto' that finds no training metric leaves the predictor as it is without one", async () => {
    const validationOnly = curves
      .slice(0, 30)
      .map((c) => ({ ...c, metrics: { val_acc: c.metrics.val_acc ?? [] } }));
    const report = await replayCurves(
      validationOnly,
      [
        { name: 'validation only', options: { calibration: { trainingMetric: false } } },
        { name: 'auto, none found', options: { calibration: { trainingMetric: 'auto' } } },
      ],
      { createPlugin: realPlugin, seed: 1 },
    );
    const [without, absent] = report.configs;
    expect(absent?.outcomes).toEqual(without?.outcomes);
  });

  it('in a run, trials that never log the named training metric are judged as without one', async () => {
    const run = async (calibration: Record<string, unknown>) => {
      const plugin = buildPredictorPlugin(
        { calibration: { minSamples: 3, ...calibration } },
        persistenceFactory,
      );
      const engine = new Engine({
        objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
        maxEpochs: 20,
        plugins: [plugin],
      });
      const outcomes: unknown[] = [];
      for (const curve of curves.slice(0, 12)) {
        const { id } = await engine.startTrial({});
        for (const [i, epoch] of curve.epochs.entries()) {
          const result = await engine.observe(id, { epoch, val_acc: curve.metrics.val_acc?.[i] ?? null });
          if (result.stop) break;
        }
        outcomes.push(await engine.finish(id));
      }
      return outcomes;
    };
    expect(await run({ trainingMetric: 'train_acc' })).toEqual(await run({ trainingMetric: false }));
  });

  it('a trial that starts logging the training metric late gets its own value from then on', async () => {
    // 12 trials log train_acc at every epoch; the 13th only from epoch 8 (`late`) or never (`never`). Its predictions
    // from epoch 8 on must use its own value, not the samples' median: the search for the metric in its logs must not
    // give up after the first epochs.
    const lastTrial = async (fromEpoch: number) => {
      const plugin = buildPredictorPlugin(
        {
          calibration: { minSamples: 3, trainingMetric: 'train_acc', trainingMetricCheck: false },
          fullTraining: { every: 12 }, // the 13th trial (index 12) is trained to the end
        },
        persistenceFactory,
      );
      const engine = new Engine({
        objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
        maxEpochs: 20,
        plugins: [plugin],
      });
      const feed = async (curve: CurveRecord, trainFrom: number) => {
        const { id } = await engine.startTrial({});
        for (const [i, epoch] of curve.epochs.entries()) {
          const train = epoch >= trainFrom ? (curve.metrics.train_acc?.[i] ?? null) : null;
          const logs = { epoch, val_acc: curve.metrics.val_acc?.[i] ?? null, train_acc: train };
          const result = await engine.observe(id, logs);
          if (result.stop) break;
        }
        await engine.finish(id);
        return id;
      };
      for (const curve of curves.slice(0, 12)) await feed(curve, 1);
      const id = await feed(curves[12] as CurveRecord, fromEpoch);
      const trial = engine.trialSnapshots.find((t) => t.id === id);
      return (trial?.predictions ?? []).filter((p) => p.epoch >= 8).map((p) => p.value);
    };
    const late = await lastTrial(8);
    const never = await lastTrial(Number.POSITIVE_INFINITY);
    expect(late.length).toBeGreaterThan(5);
    expect(late).not.toEqual(never);
  });

  it('a replay refuses a named training metric that no curve logs, naming the configuration and the metrics', async () => {
    await expect(
      replayCurves(
        curves.slice(0, 5),
        [{ name: 'typo', options: { calibration: { trainingMetric: 'train_accuracy' } } }],
        {
          createPlugin: realPlugin,
        },
      ),
    ).rejects.toThrow(
      'replay: configuration "typo": calibration.trainingMetric "train_accuracy" is in no curve (metrics found: val_acc, train_acc); name one of them or use "auto"',
    );
  });

  it('the samples keep their training-metric values in the saved state, and a restore gives them back', async () => {
    const options = { calibration: { minSamples: 2, trainingMetric: 'auto' } } as const;
    const plugin = buildPredictorPlugin(options, persistenceFactory);
    const engine = new Engine({
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 3,
      plugins: [plugin],
    });
    for (const level of [50, 60]) {
      const { id } = await engine.startTrial({});
      for (const epoch of [1, 2, 3])
        await engine.observe(id, { epoch, val_acc: level + epoch, train_acc: level + 2 * epoch });
      await engine.finish(id);
    }
    const state = JSON.parse(JSON.stringify(plugin.state()));
    // Smoothing 3: the mean of the training accuracy logged so far at each point.
    expect(state.calibration.samples.map((s: { train: number[] }) => s.train)).toEqual([
      [52, 53, 54],
      [62, 63, 64],
    ]);
    const restored = buildPredictorPlugin(options, persistenceFactory);
    restored.restore(state);
    expect(restored.state()).toEqual(state);
  });

  it('rejects a training metric that is not a name', () => {
    expect(() => predictorPlugin({ calibration: { trainingMetric: 3 as unknown as string } })).toThrow(
      /calibration.*trainingMetric/,
    );
  });
});
