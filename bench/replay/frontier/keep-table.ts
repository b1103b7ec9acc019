/**
 * The keep knob's check, read from the frontier sweep's cache (run the sweep first:
 * `run.ts --family keep,"keep from epoch 1" --no-report`): for each requested `keep`, the top-10% recall it
 * delivered on each development set and the epochs saved (mean over the seeds with [smallest–largest], as
 * FRONTIER.md writes them); then, at each keep point's own savings, the recall of truncation, median and ASHA
 * interpolated along their knobs. Prints markdown for BENCHMARKS.md.
 *
 *   node --conditions=source --import tsx bench/replay/frontier/keep-table.ts [--seeds 5]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEVELOPMENT_SETS, type DevelopmentSetName } from '../datasets.js';
import { replayedCode, ScoreCache } from './cache.js';
import { pickFamilies } from './families.js';
import { familyPoints, valueAtSavings } from './points.js';
import { num, pct } from './report.js';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '5' } } });
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
const cache = new ScoreCache(fileURLToPath(new URL('./scores.json', import.meta.url)), replayedCode());
const sets = Object.keys(DEVELOPMENT_SETS) as DevelopmentSetName[];
const baselines = pickFamilies('truncation,median,asha');

const lines: string[] = [];
for (const family of pickFamilies('keep,keep from epoch 1')) {
  const bySet = new Map(sets.map((set) => [set, familyPoints(cache, set, family, seeds)]));
  const cell = (set: DevelopmentSetName, value: number) => {
    const point = bySet.get(set)?.find((p) => p.knob === value);
    return point ? `${num(point.summary.top10pct)} / ${pct(point.summary.saved)}` : 'not run';
  };
  lines.push(
    `\n**${family.name}** — delivered top-10% recall / epochs saved per set, mean [smallest–largest] over ${seeds.length} seeds\n`,
    `| requested keep | ${sets.join(' | ')} |`,
    `| --- | ${sets.map(() => '---').join(' | ')} |`,
    ...family.values.map((value) => `| ${value} | ${sets.map((set) => cell(set, value)).join(' | ')} |`),
  );
}

// The frontier at the keep rule's savings: a baseline's recall there ("–": it never saves that much, or always more).
const keep = pickFamilies('keep')[0];
lines.push(
  `\n**At the keep rule's own savings** — top-10% recall of keep / truncation / median / ASHA (mean over ${seeds.length} seeds)\n`,
  `| set | ${keep?.values.map((v) => `keep ${v}`).join(' | ')} |`,
  `| --- | ${keep?.values.map(() => '---').join(' | ')} |`,
);
for (const set of sets) {
  const points = keep ? familyPoints(cache, set, keep, seeds) : [];
  const others = baselines.map((b) => familyPoints(cache, set, b, seeds));
  const cells = (keep?.values ?? []).map((value) => {
    const point = points.find((p) => p.knob === value);
    if (!point) return 'not run';
    const saved = point.summary.saved.mean;
    const at = others.map((o) => valueAtSavings(o, saved, 'top10pct'));
    return [point.summary.top10pct.mean, ...at].map((v) => (v === null ? '–' : v.toFixed(2))).join(' / ');
  });
  lines.push(`| ${set} | ${cells.join(' | ')} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
