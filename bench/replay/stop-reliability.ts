/**
 * How honest a replay's probabilistic stops were, by how sure each stop was and by how early it came: for the stops
 * in a `penguin replay --per-curve` file, binned by the probability the rule judged (P that the final reaches the
 * stop's threshold) and by the share of the target epochs trained, the stops per replay order, the number the
 * probabilities expected to reach their threshold (Σ P, per order) and the number that did (per order), as
 * `ReplayMetrics.stopChances` counts them for a whole replay.
 *
 *   node packages/cli/dist/bin.js replay FILE -m METRIC --seeds 0..4 --per-curve ROWS
 *   node --conditions=source --import tsx bench/replay/stop-reliability.ts --rows ROWS --direction maximize
 *
 * BENCHMARKS.md ("How honest are the stops' probabilities") has what it gave on the development sets.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assertOutcomes, type PerCurveRow, stopChances } from '@penguin-nas/predictor';

const { values } = parseArgs({
  options: { rows: { type: 'string' }, direction: { type: 'string', default: 'maximize' } },
});
if (values.rows === undefined)
  throw new Error('--rows: expected a file written by `penguin replay --per-curve`');
const file = values.rows;
const direction = values.direction;
if (direction !== 'maximize' && direction !== 'minimize')
  throw new Error(`--direction: expected maximize or minimize, got ${JSON.stringify(direction)}`);

type Row = PerCurveRow & { readonly seed: number };
const rows: Row[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, i) => {
    let row: Row;
    try {
      row = JSON.parse(line) as Row;
    } catch (error) {
      throw new Error(`${file}:${i + 1}: expected one JSON --per-curve row, ${(error as Error).message}`);
    }
    if (typeof row.seed !== 'number' || typeof row.config !== 'string')
      throw new Error(
        `${file}:${i + 1}: expected a --per-curve row of a replay over seeds (with seed and config)`,
      );
    return row;
  });
/** The rows by `key`, in the order each key first appears. */
function groupBy<K>(all: readonly Row[], key: (row: Row) => K): Map<K, Row[]> {
  const groups = new Map<K, Row[]>();
  for (const row of all) {
    const k = key(row);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return groups;
}

// One replay of one configuration per (configuration, seed): each is checked as the outcomes it is.
const groups = groupBy(rows, (r) => `${r.config}\u0000${r.seed}`);
for (const [key, group] of groups) {
  const [config, seed] = key.split('\u0000');
  assertOutcomes(group, `${file} (${config}, seed ${seed})`);
}

/** One table: the judged stops split by `binOf`, the bins in the order given. */
function table(
  judged: readonly Row[],
  orders: number,
  title: string,
  bins: readonly string[],
  binOf: (row: Row) => string,
): string {
  const lines = [
    `| ${title} | stops per order | expected to reach (Σ P) | reached | reached / stops |`,
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const bin of bins) {
    const counts = stopChances(
      judged.filter((r) => binOf(r) === bin),
      direction as 'maximize' | 'minimize',
    );
    if (counts === undefined) continue;
    const per = (v: number) => (v / orders).toFixed(2);
    const share = `${((100 * counts.reached) / counts.stops).toFixed(1)}%`;
    lines.push(
      `| ${bin} | ${per(counts.stops)} | ${per(counts.expected)} | ${per(counts.reached)} | ${share} |`,
    );
  }
  return lines.join('\n');
}

const probabilityBins = [
  [0.001, 'P < 0.001'],
  [0.003, '0.001 ≤ P < 0.003'],
  [0.01, '0.003 ≤ P < 0.01'],
  [0.03, '0.01 ≤ P < 0.03'],
  [0.1, '0.03 ≤ P < 0.1'],
  [Number.POSITIVE_INFINITY, 'P ≥ 0.1'],
] as const;
const progressBins = [
  [0.05, 'before 5%'],
  [0.1, '5–10%'],
  [0.2, '10–20%'],
  [0.4, '20–40%'],
  [Number.POSITIVE_INFINITY, '40% and later'],
] as const;
const binBy =
  (bins: readonly (readonly [number, string])[], value: (row: Row) => number) =>
  (row: Row): string =>
    (bins.find(([below]) => value(row) < below) as readonly [number, string])[1];

for (const [config, configRows] of groupBy(rows, (r) => r.config)) {
  const orders = new Set(configRows.map((r) => r.seed)).size;
  const judged = configRows.filter((r) => r.stop_probability !== undefined);
  console.log(`${file}, ${config}: ${judged.length} probabilistic stops over ${orders} replay orders\n`);
  console.log(
    table(
      judged,
      orders,
      'probability judged',
      probabilityBins.map(([, label]) => label),
      binBy(probabilityBins, (r) => r.stop_probability as number),
    ),
  );
  console.log();
  console.log(
    table(
      judged,
      orders,
      'share of the target trained',
      progressBins.map(([, label]) => label),
      binBy(progressBins, (r) => r.epochs_trained / r.full_epochs),
    ),
  );
  console.log();
}
