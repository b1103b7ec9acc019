/**
 * How well each curve family (and 5-family ensembles) extrapolates real curves from their first k points:
 * median and mean absolute error of the prediction at the last epoch, the number of failed fits and of predictions outside
 * the plausible range. Indicative only (the replay evaluator measures rules); see bench/fit/README.md.
 *
 *   node --conditions=source --import tsx bench/fit/family-study.ts [--every 4]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type EnsembleWeighting, fitCurve, fitEnsemble } from '../../packages/predictor/src/fit/index.js';
import {
  type BuiltinModelName,
  builtinModelNames,
  builtinModels,
} from '../../packages/predictor/src/models/index.js';

/** ../shared/data/curves beside the checkout (read by path, never copied). */
const SHARED_CURVES = fileURLToPath(new URL('../../../shared/data/curves/', import.meta.url));

const { values: args } = parseArgs({ options: { every: { type: 'string', default: '4' } } });
const EVERY = Number(args.every);
const ENSEMBLE: BuiltinModelName[] = ['pow3', 'weibull', 'mmf', 'janoschek', 'log_power'];

interface Curve {
  xs: number[];
  ys: number[];
  final: number;
}
interface Study {
  title: string;
  curves: Curve[];
  ks: number[];
  direction: 'maximize' | 'minimize';
  dataScale?: number;
  range: [number, number];
}

function load(file: string, metric: string, shift: number, every: number): Curve[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l, i) => l.trim() !== '' && i % every === 0)
    .map((l) => JSON.parse(l) as { epochs: number[] } & Record<string, (number | null)[]>)
    .map((r) => {
      const values = r[metric] ?? [];
      const xs: number[] = [];
      const ys: number[] = [];
      r.epochs.forEach((e, i) => {
        const v = values[i];
        if (typeof v === 'number' && Number.isFinite(v)) {
          xs.push(e + shift);
          ys.push(v);
        }
      });
      return { xs, ys, final: values[values.length - 1] ?? Number.NaN };
    })
    .filter((c) => Number.isFinite(c.final) && c.xs.length === c.ys.length && c.xs.length > 20);
}

function summary(predictions: (number | undefined)[], curves: Curve[], range: [number, number]): string {
  const errors: number[] = [];
  let failed = 0;
  let outside = 0;
  predictions.forEach((p, i) => {
    if (p === undefined) failed++;
    else if (!(p >= range[0] && p <= range[1])) outside++;
    else {
      errors.push(Math.abs(p - (curves[i] as Curve).final));
    }
  });
  errors.sort((a, b) => a - b);
  const median = errors.length === 0 ? Number.NaN : (errors[Math.floor((errors.length - 1) / 2)] as number);
  const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
  return `${median.toPrecision(3).padStart(7)} ${mean.toPrecision(3).padStart(7)}  ${String(failed).padStart(6)}  ${String(outside).padStart(7)}`;
}

const studies: Study[] = [
  {
    title: 'NB201 CIFAR-10 val_acc (%), predict epoch 200',
    curves: load(`${SHARED_CURVES}nb201-cifar10-valid.jsonl`, 'val_acc', 0, EVERY),
    ks: [10, 20, 50],
    direction: 'maximize',
    dataScale: 100,
    range: [0, 100],
  },
  {
    title: 'TaskSet IMDB RNN valid_loss, x = index + 1, predict index 50',
    curves: load(`${SHARED_CURVES}taskset-imdb-rnn-dev.jsonl`, 'valid_loss', 1, EVERY * 8),
    ks: [5, 10, 20],
    direction: 'minimize',
    range: [0, Number.POSITIVE_INFINITY],
  },
];

for (const study of studies) {
  console.log(
    `\n${study.title}: ${study.curves.length} curves; columns per k: median and mean absolute error, failed fits, predictions outside the range`,
  );
  const options = { direction: study.direction, ...(study.dataScale ? { dataScale: study.dataScale } : {}) };
  const rows: [string, string[]][] = [];
  const last = study.ks.map((k) =>
    summary(
      study.curves.map((c) => c.ys[k - 1]),
      study.curves,
      study.range,
    ),
  );
  rows.push(['last value', last]);
  for (const name of builtinModelNames) {
    const cells = study.ks.map((k) => {
      const predictions = study.curves.map((c) => {
        const fit = fitCurve(builtinModels[name], c.xs.slice(0, k), c.ys.slice(0, k), options);
        return fit.ok ? fit.evaluate(c.xs[c.xs.length - 1] as number) : undefined;
      });
      return summary(predictions, study.curves, study.range);
    });
    rows.push([name, cells]);
  }
  for (const weighting of ['bic', 'holdout', 'equal'] as EnsembleWeighting[]) {
    const cells = study.ks.map((k) => {
      const predictions = study.curves.map((c) => {
        const members = ENSEMBLE.map((m) => builtinModels[m]);
        const target = c.xs[c.xs.length - 1] as number;
        const fit = fitEnsemble(members, c.xs.slice(0, k), c.ys.slice(0, k), target, {
          ...options,
          weighting,
          range: study.range,
        });
        return fit.ok ? fit.prediction : undefined;
      });
      return summary(predictions, study.curves, study.range);
    });
    rows.push([`ensemble ${weighting}`, cells]);
  }
  console.log(`${'k ='.padEnd(18)}${study.ks.map((k) => String(k).padEnd(33)).join('')}`);
  for (const [name, cells] of rows) console.log(`${name.padEnd(18)}${cells.join('   ')}`);
}
