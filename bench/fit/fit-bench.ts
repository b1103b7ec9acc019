/**
 * Fit speed: time per fit of each curve family, per prediction step of the default rule (one peng4nn fit) and
 * of an ensemble, on real NB201 curves cut to 10, 50 and 200 points, side by side with scipy's curve_fit on the
 * same data (bench/fit/scipy_fit.py). See bench/fit/README.md.
 *
 *   node --conditions=source --import tsx bench/fit/fit-bench.ts [--curves 10] [--repeats 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fitCurve, fitEnsemble } from '../../packages/predictor/src/fit/index.js';
import {
  type BuiltinModelName,
  builtinModelNames,
  builtinModels,
} from '../../packages/predictor/src/models/index.js';

/** ../shared/data/curves beside the checkout (read by path, never copied). */
const SHARED_CURVES = fileURLToPath(new URL('../../../shared/data/curves/', import.meta.url));

const { values: args } = parseArgs({
  options: {
    curves: { type: 'string', default: '10' },
    repeats: { type: 'string', default: '3' },
    data: { type: 'string', default: `${SHARED_CURVES}nb201-cifar10-valid.jsonl` },
  },
});
const CURVES = Number(args.curves);
const REPEATS = Number(args.repeats);
const LENGTHS = [10, 50, 200];
const ENSEMBLE: BuiltinModelName[] = ['pow3', 'weibull', 'mmf', 'janoschek', 'log_power'];

interface Curve {
  xs: number[];
  ys: number[];
}

function loadCurves(): Curve[] {
  const lines = readFileSync(args.data, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  // Every 20th record: a spread of architectures, the same ones on every run.
  return lines
    .filter((_, i) => i % 20 === 0)
    .slice(0, CURVES)
    .map((line) => {
      const record = JSON.parse(line) as { epochs: number[]; val_acc: (number | null)[] };
      const xs: number[] = [];
      const ys: number[] = [];
      record.epochs.forEach((e, i) => {
        const y = record.val_acc[i];
        if (typeof y === 'number') {
          xs.push(e);
          ys.push(y);
        }
      });
      return { xs, ys };
    });
}

/** Mean milliseconds per call of `run` over every curve, after one warm-up pass. */
function timePerCall(curves: readonly Curve[], run: (c: Curve) => void): number {
  for (const c of curves) run(c);
  const start = performance.now();
  for (let r = 0; r < REPEATS; r++) for (const c of curves) run(c);
  return (performance.now() - start) / (REPEATS * curves.length);
}

const curves = loadCurves();
const groups = LENGTHS.map((n) => ({
  n,
  curves: curves.map((c) => ({ xs: c.xs.slice(0, n), ys: c.ys.slice(0, n) })),
}));
const dir = mkdtempSync(join(tmpdir(), 'penguin-fit-bench-'));
const dataFile = join(dir, 'data.json');
const outFile = join(dir, 'scipy.json');
const models = Object.fromEntries(
  builtinModelNames.map((name) => {
    const m = builtinModels[name];
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    return [
      name,
      { initial: m.initial, lower: m.lower.map(finite), upper: m.upper.map(finite), scale: m.scale ?? 1 },
    ];
  }),
);
writeFileSync(dataFile, JSON.stringify({ repeats: REPEATS, families: builtinModelNames, models, groups }));
const here = dirname(fileURLToPath(import.meta.url));
execFileSync('python3', [join(here, 'scipy_fit.py'), dataFile, outFile], { stdio: 'inherit' });
const scipy = JSON.parse(readFileSync(outFile, 'utf8')) as {
  fits: Record<string, number>;
  sse: Record<string, (number | null)[]>;
};
rmSync(dir, { recursive: true, force: true });

const fmt = (v: number | undefined) => (v === undefined ? '-' : v < 1 ? v.toFixed(3) : v.toFixed(2));
const rows: string[][] = [];
for (const { n, curves: group } of groups) {
  for (const name of builtinModelNames) {
    const model = builtinModels[name];
    const one = timePerCall(group, (c) => fitCurve(model, c.xs, c.ys, { starts: 1, dataScale: 100 }));
    const multi = timePerCall(group, (c) => fitCurve(model, c.xs, c.ys, { dataScale: 100 }));
    // Quality: how often our one-start fit is at least as good as scipy's (SSE within 0.1 %), and failures.
    const theirs = scipy.sse[`${name}@${n}`] ?? [];
    let asGood = 0;
    let failed = 0;
    group.forEach((c, i) => {
      const fit = fitCurve(model, c.xs, c.ys, { starts: 1, dataScale: 100 });
      const ref = theirs[i];
      if (!fit.ok) failed++;
      else if (ref === null || ref === undefined || fit.sse <= ref * 1.001 + 1e-12) asGood++;
    });
    const s = scipy.fits[`${name}@${n}`];
    rows.push([
      String(n),
      name,
      fmt(one),
      fmt(multi),
      fmt(s),
      s ? `${(s / one).toFixed(1)}×` : '-',
      `${asGood}/${group.length}`,
      String(failed),
    ]);
  }
  const rule = timePerCall(group, (c) =>
    fitCurve(builtinModels.peng4nn, c.xs, c.ys, { starts: 1, dataScale: 100 }),
  );
  // The same step warm-started from the fit on one point fewer (what a rule can pass as `warmStart`).
  const previous = group.map((c) => {
    const fit = fitCurve(builtinModels.peng4nn, c.xs.slice(0, -1), c.ys.slice(0, -1), {
      starts: 1,
      dataScale: 100,
    });
    return fit.ok ? fit.params : undefined;
  });
  const warm = timePerCall(group, (c) => {
    const warmStart = previous[group.indexOf(c)];
    fitCurve(builtinModels.peng4nn, c.xs, c.ys, {
      starts: 1,
      dataScale: 100,
      ...(warmStart ? { warmStart } : {}),
    });
  });
  const members = ENSEMBLE.map((m) => builtinModels[m]);
  const ensemble = timePerCall(group, (c) =>
    fitEnsemble(members, c.xs, c.ys, 200, { starts: 1, dataScale: 100 }),
  );
  const ensembleMulti = timePerCall(group, (c) => fitEnsemble(members, c.xs, c.ys, 200, { dataScale: 100 }));
  const scipyEnsemble = ENSEMBLE.reduce((sum, m) => sum + (scipy.fits[`${m}@${n}`] ?? 0), 0);
  const scipyRule = scipy.fits[`peng4nn@${n}`];
  rows.push([
    String(n),
    'step: peng4nn rule',
    fmt(rule),
    '',
    fmt(scipyRule),
    scipyRule ? `${(scipyRule / rule).toFixed(1)}×` : '-',
    '',
    '',
  ]);
  rows.push([
    String(n),
    'step: peng4nn warm start',
    fmt(warm),
    '',
    fmt(scipyRule),
    scipyRule ? `${(scipyRule / warm).toFixed(1)}×` : '-',
    '',
    '',
  ]);
  rows.push([
    String(n),
    `step: ensemble(${ENSEMBLE.length})`,
    fmt(ensemble),
    fmt(ensembleMulti),
    fmt(scipyEnsemble),
    `${(scipyEnsemble / ensemble).toFixed(1)}×`,
    '',
    '',
  ]);
}
const header = [
  'n',
  'family / step',
  'ours 1 start ms',
  'ours multi ms',
  'scipy ms',
  'speed-up',
  'SSE ≤ scipy',
  'failed',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
console.log(`${curves.length} NB201 curves, ${REPEATS} repeats, node ${process.version}`);
console.log(line(header));
for (const r of rows) console.log(line(r));
