/**
 * How `penguin replay` scales with the number of curves: builds curve files of the sizes asked for (a full NAS
 * benchmark has 15,625 architectures) from the 200 NAS-Bench-201 curves of `../shared/data/curves`, each copy shifted
 * by a per-curve offset and per-point noise so no two curves are equal, then times the built command on each
 * (wall clock, one process, the default predictor) and prints a table. With `--repeats N` each size is timed N
 * times and the table gives the median with the range (single runs on a shared machine vary by 10-15%).
 *
 *   npm run build && node --conditions=source --import tsx bench/replay/scaling.ts [--sizes 1000,4000,15625]
 *     [--config FILE] [--seed 0] [--keep DIR] [--repeats 1]
 *
 * The files go to a temporary folder that is removed afterwards (or to `--keep DIR`, kept there for profiling
 * one size by hand); nothing is copied into the repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CurveRecord, createRng, readCurveFile } from '@penguin-nas/core';
import { median } from 'simple-statistics';
import { DEVELOPMENT_SETS } from './datasets.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,2000,4000,8000,15625' },
    config: { type: 'string' },
    seed: { type: 'string', default: '0' },
    keep: { type: 'string' },
    repeats: { type: 'string', default: '1' },
  },
});

// Ascending, so the first row is the smallest size that the growth column compares against.
const sizes = (values.sizes as string)
  .split(',')
  .map((s) => Number(s.trim()))
  .sort((a, b) => a - b);
for (const size of sizes) {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`--sizes: expected integers >= 1, got ${values.sizes}`);
}
const seed = Number(values.seed);
const repeats = Number(values.repeats);
if (!Number.isInteger(repeats) || repeats < 1)
  throw new Error(`--repeats: expected an integer >= 1, got ${values.repeats}`);
const CLI = fileURLToPath(new URL('../../packages/cli/bin/penguin.js', import.meta.url));

/** One JSON line per curve: the source curves cycled, each copy shifted and noised (accuracy in [0, 100]). */
function curveLines(records: readonly CurveRecord[], size: number): string {
  const rng = createRng(seed).fork(`scaling-${size}`);
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const source = records[i % records.length] as CurveRecord;
    const offset = (rng.next() - 0.5) * 4;
    const val_acc = (source.metrics.val_acc ?? []).map((v) =>
      v === null ? null : Math.min(100, Math.max(0, v + offset + 0.3 * rng.normal())),
    );
    lines.push(JSON.stringify({ id: `${source.id}-${i}`, epochs: source.epochs, val_acc }));
  }
  return `${lines.join('\n')}\n`;
}

interface Row {
  readonly curves: number;
  /** Wall clock of the whole command (start, reading the file, the replay, the report), one per repeat. */
  readonly seconds: readonly number[];
  /** The replay alone, as the report gives it, one per repeat. */
  readonly replay: readonly number[];
  readonly saved: number;
}

/** `12.3` for one timing, `12.3 (11.9–13.0)` for several: the median and the range. */
function timing(values: readonly number[]): string {
  if (values.length === 1) return (values[0] as number).toFixed(1);
  return `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
}

const sources = await readCurveFile(DEVELOPMENT_SETS.nb201.file);
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'penguin-scaling-'));
mkdirSync(dir, { recursive: true });
const rows: Row[] = [];
try {
  for (const size of sizes) {
    const file = join(dir, `curves-${size}.jsonl`);
    writeFileSync(file, curveLines(sources, size));
    const args = [CLI, 'replay', file, '--metric', 'val_acc', '--seed', String(seed), '--json'];
    if (values.config) args.push('--config', values.config);
    const seconds: number[] = [];
    const replay: number[] = [];
    let saved = Number.NaN;
    for (let repeat = 0; repeat < repeats; repeat++) {
      const started = performance.now();
      const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      seconds.push((performance.now() - started) / 1000);
      if (run.status !== 0)
        throw new Error(`penguin replay on ${size} curves exited ${run.status}: ${run.stderr}`);
      const report = JSON.parse(run.stdout) as {
        configs: { seconds: number; metrics: { epochsSaved: number } }[];
      };
      const config = report.configs[0];
      if (config === undefined) throw new Error(`penguin replay on ${size} curves reported no configuration`);
      replay.push(config.seconds);
      saved = config.metrics.epochsSaved;
      process.stderr.write(
        `${size} curves, run ${repeat + 1}/${repeats}: ${(seconds.at(-1) as number).toFixed(1)} s\n`,
      );
    }
    rows.push({ curves: size, seconds, replay, saved });
  }
} finally {
  if (values.keep === undefined) rmSync(dir, { recursive: true, force: true });
}

const first = rows[0] as Row;
console.log(
  '| curves | command wall (s) | replay (s) | replay ms per curve | growth against linear | epochs saved |',
);
console.log(
  '| -----: | ---------------: | ---------: | ------------------: | --------------------: | -----------: |',
);
for (const row of rows) {
  // 1.00: the replay's time per curve is that of the smallest size; above it, super-linear.
  const growth = median(row.replay) / row.curves / (median(first.replay) / first.curves);
  console.log(
    `| ${row.curves} | ${timing(row.seconds)} | ${timing(row.replay)} | ` +
      `${((median(row.replay) * 1000) / row.curves).toFixed(2)} | ${growth.toFixed(2)} | ${(row.saved * 100).toFixed(1)}% |`,
  );
}
