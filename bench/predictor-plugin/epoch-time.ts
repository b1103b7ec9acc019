import { fileURLToPath } from 'node:url';
/**
 * Time the predictor plugin spends per validation point (onEpochEnd + shouldTerminate), on real NB201 curves,
 * by calling the hooks directly (no engine, no journal): the cost a training loop waits for after each epoch.
 *
 *   node --conditions=source --import tsx bench/predictor-plugin/epoch-time.ts [curves=20] [epochs=200]
 */
import {
  createHooks,
  type EpochLogs,
  type Fitness,
  type ObjectiveSpec,
  type Prediction,
  readCurveFile,
  type TrialSnapshot,
} from '@penguin-nas/core';
import { predictorPlugin } from '@penguin-nas/predictor';

/** ../shared/data/curves beside the checkout (read by path, never copied). */
const SHARED_CURVES = fileURLToPath(new URL('../../../shared/data/curves/', import.meta.url));

const FILE = `${SHARED_CURVES}nb201-cifar10-valid.jsonl`;
const curves = Number(process.argv[2] ?? 20);
const epochs = Number(process.argv[3] ?? 200);

const configs: { name: string; options: Record<string, unknown> }[] = [
  { name: 'default (recommended)', options: {} },
  { name: 'reference preset', options: { preset: 'reference' } },
  {
    name: 'peng4nn, 5 starts',
    options: { model: 'peng4nn', fit: { starts: 5 }, rule: { kind: 'peng4nn', N: 1000 } },
  },
  {
    name: 'ensemble pow3+weibull+mmf',
    options: { model: ['pow3', 'weibull', 'mmf'], rule: { kind: 'peng4nn', N: 1000 } },
  },
];

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

const records = (await readCurveFile(FILE)).slice(0, curves);
const objectives: ObjectiveSpec[] = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }];
console.log(
  `${FILE}: ${records.length} curves, up to ${epochs} epochs each; ms per validation point (onEpochEnd + shouldTerminate)`,
);
console.log('| configuration | points | mean | p50 | p90 | p99 | max | at 200 points (mean) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const config of configs) {
  const plugin = predictorPlugin(config.options);
  const hooks = createHooks();
  plugin.apply({ hooks, objectives, maxEpochs: epochs, log: () => {} });
  const times: number[] = [];
  const late: number[] = [];
  for (const [index, record] of records.entries()) {
    const values = record.metrics.val_acc ?? [];
    const curve: EpochLogs[] = [];
    const predictions: Prediction[] = [];
    const base = { id: record.id, index, genome: {}, maxEpochs: epochs, staticObjectives: {}, seed: 0 };
    const snapshot = (status: TrialSnapshot['status']): TrialSnapshot => ({
      ...base,
      status,
      curve: curve.slice(),
      predictions: predictions.slice(),
      cost: { epochs: curve.length, seconds: 0 },
    });
    await hooks.onTrialStart.promise(snapshot('running'));
    let stopped = false;
    for (let e = 0; e < Math.min(epochs, values.length) && !stopped; e++) {
      const logs: EpochLogs = { epoch: record.epochs[e] as number, val_acc: values[e] ?? null };
      curve.push(logs);
      const view = { ...snapshot('running'), recordPrediction: (p: Prediction) => predictions.push(p) };
      const started = performance.now();
      await hooks.onEpochEnd.promise(view, logs);
      stopped = (await hooks.shouldTerminate.promise(view)) !== undefined;
      const ms = performance.now() - started;
      times.push(ms);
      if (curve.length >= 190) late.push(ms);
    }
    const status = stopped ? 'stopped' : 'completed';
    const last = curve[curve.length - 1]?.val_acc ?? Number.NEGATIVE_INFINITY;
    const fitness: Fitness = { val_acc: { value: last, direction: 'maximize', source: 'measured' } };
    const final = await hooks.onFitness.promise(fitness, snapshot(status));
    await hooks.onTrialEnd.promise({ ...snapshot(status), fitness: final });
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const lateMean = late.length ? (late.reduce((s, t) => s + t, 0) / late.length).toFixed(3) : 'n/a';
  console.log(
    `| ${config.name} | ${times.length} | ${mean.toFixed(3)} | ${percentile(sorted, 0.5).toFixed(3)} | ${percentile(sorted, 0.9).toFixed(3)} | ${percentile(sorted, 0.99).toFixed(3)} | ${(sorted[sorted.length - 1] as number).toFixed(3)} | ${lateMean} |`,
  );
}
