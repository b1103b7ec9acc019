/**
 * Runs the same search three times, changing only the curve model in the config, and prints a comparison:
 * epochs saved, and how far the reported (predicted) fitness is from what full training would have measured.
 *
 *   node --conditions=source --import tsx compare.ts [--trials N]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, RegistryLoader, resolveRun } from '@penguin-nas/cli';
import { Engine, type TabularSpace } from '@penguin-nas/core';

const CONFIGS = ['configs/builtin.json', 'configs/ensemble.yaml', 'configs/formula.yaml'];
const here = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({ options: { trials: { type: 'string' } } });
const trials = values.trials === undefined ? undefined : Number(values.trials);
if (trials !== undefined && (!Number.isInteger(trials) || trials < 1)) {
  throw new Error(`--trials: expected an integer >= 1, got ${values.trials}`);
}

interface Row {
  config: string;
  model: string;
  trials: number;
  saved: number;
  gain: number;
  meanError: number;
  top10: number;
  seconds: number;
}

const rows: Row[] = [];
for (const file of CONFIGS) {
  const loaded = await loadConfig({ cwd: here, file });
  const config =
    trials === undefined ? loaded : { ...loaded, config: { ...loaded.config, budget: { trials } } };
  const run = await resolveRun(config, new RegistryLoader());
  const started = performance.now();
  const summary = await new Engine({ ...run, plugins: run.plugins }).run();
  const space = run.space as TabularSpace;
  // Ground truth: what full training would have reported (the recorded curve's value at maxEpochs).
  const truth = (genome: (typeof summary.trials)[number]['genome']) => {
    const record = space.recordOf(genome);
    const curve = record?.metrics.val_acc ?? [];
    const at = record?.epochs.indexOf(run.maxEpochs) ?? -1;
    return (at >= 0 ? curve[at] : curve[curve.length - 1]) ?? Number.NaN;
  };
  const scored = summary.trials.map((t) => ({
    reported: t.fitness?.val_acc?.value ?? Number.NaN,
    truth: truth(t.genome),
    stopped: t.status === 'stopped',
  }));
  const stopped = scored.filter((s) => s.stopped);
  const k = Math.max(1, Math.round(scored.length / 10));
  const topBy = (key: 'reported' | 'truth') =>
    new Set(
      [...scored.keys()].sort((a, b) => (scored[b] as never)[key] - (scored[a] as never)[key]).slice(0, k),
    );
  const trueTop = topBy('truth');
  const reportedTop = topBy('reported');
  const model = JSON.stringify((loaded.config.predictor as { model?: unknown }).model);
  rows.push({
    config: file,
    model: model.length > 40 ? `${model.slice(0, 37)}...` : model,
    trials: summary.trials.length,
    saved: 1 - summary.epochs / summary.baselineEpochs,
    gain: summary.baselineEpochs / summary.epochs,
    meanError: stopped.reduce((s, x) => s + Math.abs(x.reported - x.truth), 0) / Math.max(1, stopped.length),
    top10: [...reportedTop].filter((i) => trueTop.has(i)).length / k,
    seconds: (performance.now() - started) / 1000,
  });
}

console.log(
  '| config | model | trials | epochs saved | throughput | mean |prediction − truth| | top-10% recall | seconds |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.config} | ${r.model} | ${r.trials} | ${(r.saved * 100).toFixed(1)}% | ${r.gain.toFixed(2)}× | ${r.meanError.toFixed(2)} | ${r.top10.toFixed(2)} | ${r.seconds.toFixed(1)} |`,
  );
}
