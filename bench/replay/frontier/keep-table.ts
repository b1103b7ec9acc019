/**
 * The keep knob's check: for each requested `keep`, the top-10% recall it delivered on each development set
 * and the epochs saved (mean over the seeds with [smallest–largest], as FRONTIER.md writes them), read from the frontier sweep's cache (run the sweep first:
 * `run.ts --family keep,"keep from epoch 1" --no-report`). Prints a markdown table for BENCHMARKS.md.
 *
 *   node --conditions=source --import tsx bench/replay/frontier/keep-table.ts [--seeds 5]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEVELOPMENT_SETS, type DevelopmentSetName } from '../datasets.js';
import { ScoreCache } from './cache.js';
import { pickFamilies, pointName } from './families.js';
import { num, pct } from './report.js';
import { type PointScore, summariseSeeds } from './score.js';
import { scoreKey } from './sweep.js';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '5' } } });
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
const cache = new ScoreCache(fileURLToPath(new URL('./scores.json', import.meta.url)));
const sets = Object.keys(DEVELOPMENT_SETS) as DevelopmentSetName[];

for (const family of pickFamilies('keep,keep from epoch 1')) {
  const lines = [
    `\n**${family.name}** — delivered top-10% recall / epochs saved per set, mean [smallest–largest] over ${seeds.length} seeds\n`,
    `| requested keep | ${sets.join(' | ')} |`,
    `| --- | ${sets.map(() => '---').join(' | ')} |`,
  ];
  for (const value of family.values) {
    const config = { name: pointName(family, value), options: family.options(value) };
    const cells = sets.map((set) => {
      const scores = seeds.map((seed) => cache.get(scoreKey(set, config, seed)));
      if (scores.some((s) => s === undefined)) return 'not run';
      const summary = summariseSeeds(scores as PointScore[]);
      return `${num(summary.top10pct)} / ${pct(summary.saved)}`;
    });
    lines.push(`| ${value} | ${cells.join(' | ')} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
