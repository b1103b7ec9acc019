/**
 * End-to-end benchmark: the same random search on Fashion-MNIST with the real TensorFlow.js trainer, with and
 * without the predictor (same seed, so the same genomes and the same trial seeds), then the predictor again at the
 * no-predictor run's wall time. Prints a markdown table.
 *
 *   node --conditions=source --import tsx bench/e2e/run.ts [--trials 30] [--epochs 10] [--train 3000] [--val 1000]
 *        [--space mlp|layer-cnn] [--seed 1] [--workers 0] [--out bench/e2e/results.md]
 *        [--predictor '<options JSON, or a JSON list of options: each runs against the same baseline>']
 *        [--curves baseline.jsonl] [--optimizers sgd,adam] [--lr 0.0001,0.1] [--schedules constant,step:10:0.1]
 *
 * The space searches the architecture with the optimizer and a log-uniform learning rate (`--optimizers`, `--lr`)
 * and, with `--schedules`, the learning-rate schedule (labels as the tfjs package's `training.schedule` takes them;
 * without it every trial trains at a constant rate).
 *
 * `--curves` writes the no-predictor run's curves (every trial trained to the target) as a curve file for
 * `penguin replay`, so other predictor configurations can be judged on the same search in seconds, in several
 * orders (`--predictor '[]'` trains the baseline only).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  curveRecordOf,
  Engine,
  formatCurveText,
  type Genome,
  type PluginObject,
  type RunSummary,
} from '@penguin-nas/core';
import { type AuditSummary, auditLines, predictorPlugin, topKCount } from '@penguin-nas/predictor';
import { randomSearcher } from '@penguin-nas/search-random';
import {
  layerCnnSpace,
  mlpSpace,
  type NetworkSpace,
  OPTIMIZERS,
  type OptimizerName,
  tfjsTrainer,
} from '@penguin-nas/tfjs';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '30' },
    epochs: { type: 'string', default: '10' },
    train: { type: 'string', default: '3000' },
    val: { type: 'string', default: '1000' },
    space: { type: 'string', default: 'mlp' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: '0' },
    every: { type: 'string', default: '0.5' },
    out: { type: 'string' },
    predictor: { type: 'string', default: '{}' },
    curves: { type: 'string' },
    optimizers: { type: 'string', default: 'sgd,adam' },
    lr: { type: 'string', default: '0.0001,0.1' },
    schedules: { type: 'string' },
  },
});
type PredictorOptions = Parameters<typeof predictorPlugin>[0];
/** Predictor options as JSON, or a list of them (default: the recommended configuration). */
const parsedPredictors = JSON.parse(values.predictor as string) as PredictorOptions | PredictorOptions[];
const predictorConfigs: PredictorOptions[] = Array.isArray(parsedPredictors)
  ? parsedPredictors
  : [parsedPredictors];
const labelOf = (i: number) =>
  predictorConfigs.length === 1 ? 'predictor' : `predictor ${JSON.stringify(predictorConfigs[i])}`;
const num = (key: keyof typeof values) => Number(values[key]);
const trials = num('trials');
const maxEpochs = num('epochs');
const seed = num('seed');

// The searched training hyper-parameters, checked once before anything trains.
const bounds = (values.lr as string).split(',').map(Number);
const [low, high] = bounds;
if (!(bounds.length === 2 && low !== undefined && high !== undefined && low > 0 && high > low))
  throw new RangeError(`--lr: expected LOW,HIGH with 0 < LOW < HIGH, got '${values.lr}'`);
const learningRate = { low, high };
const optimizers = (values.optimizers as string).split(',') as OptimizerName[];
const unknownOptimizers = optimizers.filter((o) => !OPTIMIZERS.includes(o));
if (unknownOptimizers.length > 0)
  throw new RangeError(
    `--optimizers: expected a list of ${OPTIMIZERS.join(', ')}, got '${unknownOptimizers.join(',')}'`,
  );
const schedules = values.schedules?.split(',');

function makeSpace(): NetworkSpace {
  const shape = { inputShape: [28, 28, 1] as [number, number, number], numClasses: 10 };
  // Architecture and training hyper-parameters, as in examples/quickstart.
  const training = {
    optimizer: optimizers,
    learningRate,
    ...(schedules === undefined ? {} : { schedule: schedules }),
  };
  return values.space === 'layer-cnn'
    ? layerCnnSpace({ ...shape, filters: [8, 16, 32], training })
    : mlpSpace({ ...shape, training });
}

/** Measures the time spent inside the other taps of onEpochEnd and shouldTerminate (the prediction work). */
function hookTimer(): PluginObject & { readonly ms: number[] } {
  const ms: number[] = [];
  let started = 0;
  return {
    name: 'hook-timer',
    ms,
    apply(host) {
      host.hooks.onEpochEnd.tapPromise({ name: 'hook-timer', stage: -1000 }, async () => {
        started = performance.now();
      });
      host.hooks.shouldTerminate.tapPromise({ name: 'hook-timer', stage: 1000 }, async () => {
        ms.push(performance.now() - started);
        return undefined;
      });
    },
  };
}

interface Outcome {
  readonly label: string;
  readonly summary: RunSummary;
  readonly wall: number;
  readonly hookMs: number[];
  readonly backend: string;
  /** The predictor's audit (with `fullTraining.every`), when it audited any trial. */
  readonly audit?: AuditSummary;
}

async function runOnce(
  label: string,
  predictor: PredictorOptions | false,
  budget: { trials?: number; seconds?: number },
): Promise<Outcome> {
  const space = makeSpace();
  const trainer = tfjsTrainer({
    space,
    dataset: { name: 'fashion-mnist', trainSize: num('train'), valSize: num('val') },
    optimizer: 'adam',
    learningRate: 0.002,
    batchSize: 64,
    validationEvery: num('every'),
    workers: num('workers'),
  });
  const timer = hookTimer();
  const plugin = predictor === false ? false : predictorPlugin(predictor);
  const engine = new Engine({
    space,
    searcher: randomSearcher(),
    trainer,
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs,
    budget,
    seed,
    plugins: [timer, plugin],
  });
  const started = performance.now();
  const summary = await engine.run();
  const wall = (performance.now() - started) / 1000;
  await trainer.dispose?.();
  const backend = String(summary.trials[0]?.info?.backend ?? 'unknown');
  const audit = plugin === false ? undefined : plugin.predictor?.auditSummary();
  return { label, summary, wall, hookMs: timer.ms, backend, ...(audit === undefined ? {} : { audit }) };
}

const finished = (o: Outcome) =>
  o.summary.trials.filter((t) => t.status === 'completed' || t.status === 'stopped' || t.status === 'failed');
const key = (g: Genome) => JSON.stringify(Object.entries(g).sort(([a], [b]) => a.localeCompare(b)));
const value = (t: RunSummary['trials'][number]) => t.fitness?.val_acc?.value ?? Number.NEGATIVE_INFINITY;
const topK = (list: RunSummary['trials'], k: number) =>
  new Set(
    [...list]
      .sort((a, b) => value(b) - value(a))
      .slice(0, k)
      .map((t) => key(t.genome)),
  );

const baseline = await runOnce('no predictor', false, { trials });
if (values.curves) writeFileSync(values.curves, formatCurveText(baseline.summary.trials.map(curveRecordOf)));
const runs: { same: Outcome; equal: Outcome }[] = [];
for (const [i, options] of predictorConfigs.entries()) {
  const same = await runOnce(labelOf(i), options, { trials });
  const equal = await runOnce(`${labelOf(i)}, equal wall time`, options, { seconds: baseline.wall });
  runs.push({ same, equal });
}

// Ground truth from the baseline run: every genome trained to maxEpochs (same trial seeds in both runs).
const truth = new Map(baseline.summary.trials.map((t) => [key(t.genome), value(t)]));
const k = topKCount(0.1, trials);
const trueTop = topK(baseline.summary.trials, k);
const bestTrue = Math.max(...baseline.summary.trials.map(value));
const completedBest = (o: Outcome) =>
  Math.max(...o.summary.trials.filter((t) => t.status === 'completed').map(value), Number.NEGATIVE_INFINITY);

const trainSeconds = (o: Outcome) => o.summary.trials.reduce((s, t) => s + t.cost.seconds, 0);
const hookTotal = (o: Outcome) => o.hookMs.reduce((s, x) => s + x, 0) / 1000;
const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');

const lines = [
  `Fashion-MNIST (${values.train} train / ${values.val} validation images), space ${values.space}, random search, seed ${seed}, ` +
    `${maxEpochs} epochs per trial, validation every ${values.every} epoch, backend ${baseline.backend}, workers ${values.workers}, ` +
    `predictor options ${values.predictor}.`,
  '',
  '| run | trials | epochs trained | wall (s) | throughput gain (epochs) | best reported val_acc | true val_acc of the chosen best | engine overhead | prediction time per point |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const o of [baseline, ...runs.flatMap((r) => [r.same, r.equal])]) {
  const overhead = Math.max(0, o.wall - trainSeconds(o) + hookTotal(o)) / o.wall;
  const perPoint = o.hookMs.length ? o.hookMs.reduce((s, x) => s + x, 0) / o.hookMs.length : 0;
  const best = [...o.summary.trials].sort((a, b) => value(b) - value(a))[0];
  const chosenTrue = best ? (truth.get(key(best.genome)) ?? Number.NaN) : Number.NaN;
  lines.push(
    `| ${o.label} | ${finished(o).length} | ${fmt(o.summary.epochs, 1)} | ${fmt(o.wall, 1)} | ${fmt((baseline.summary.epochs / o.summary.epochs) * (finished(o).length / trials))}× | ${fmt(best ? value(best) : Number.NaN)} | ${fmt(chosenTrue)} | ${fmt(overhead * 100, 1)}% | ${fmt(perPoint, 1)} ms |`,
  );
}
for (const [i, { same, equal }] of runs.entries()) {
  const chosen = [...same.summary.trials].sort((a, b) => value(b) - value(a))[0];
  const chosenTrue = chosen ? (truth.get(key(chosen.genome)) ?? Number.NaN) : Number.NaN;
  const overlap = [...topK(same.summary.trials, k)].filter((g) => trueTop.has(g)).length;
  lines.push(
    '',
    `**${labelOf(i)}.** Same trials: trained ${fmt(same.summary.epochs, 1)} of ${fmt(baseline.summary.epochs, 1)} epochs ` +
      `(${fmt((1 - same.summary.epochs / baseline.summary.epochs) * 100, 1)}% saved, ${fmt(baseline.summary.epochs / same.summary.epochs)}× throughput) ` +
      `in ${fmt(same.wall, 1)} s against ${fmt(baseline.wall, 1)} s (${fmt(baseline.wall / same.wall)}× wall clock).`,
    `Best true val_acc: ${fmt(bestTrue)} without the predictor; the predictor run's chosen best has true val_acc ${fmt(chosenTrue)} ` +
      `(difference ${fmt(bestTrue - chosenTrue)} points); top-${k} (10%) overlap ${overlap}/${k}.`,
    `Equal wall time (${fmt(baseline.wall, 1)} s): ${trials} trials finished without the predictor, ${finished(equal).length} with it; ` +
      `best fully trained val_acc ${fmt(completedBest(baseline))} vs ${fmt(completedBest(equal))}.`,
  );
  if (same.audit) lines.push(`Audit (same trials): ${auditLines(same.audit).join('; ')}.`);
}
lines.push(
  '',
  'Engine overhead = (wall − Σ trial seconds + time in prediction hooks) / wall; "true val_acc of the chosen best" looks the',
  'chosen genome up in the no-predictor run, where it trained to the end with the same seed (unknown for genomes that run',
  'did not train, shown –).',
);
const text = lines.join('\n');
console.log(text);
if (values.out) writeFileSync(values.out, `${text}\n`);
