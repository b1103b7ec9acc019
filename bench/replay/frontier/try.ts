/**
 * Tries candidate configurations against the shipped default's δ sweep and truncation on every development set:
 * per set, the candidate's mean epochs saved and top-10% recall over the seeds, and the default's and
 * truncation's recall interpolated to those savings. Candidates come from a JSON file of `{ name, options }`.
 *
 *   node --conditions=source --import tsx bench/replay/frontier/try.ts --configs FILE [--dataset a,b] [--cache FILE]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ReplayConfig } from '../../../packages/predictor/src/replay/index.js';
import { developmentSets } from '../datasets.js';
import { replayedCode, ScoreCache } from './cache.js';
import { RULE_FAMILIES } from './families.js';
import { familyPoints, seedScores, valueAtSavings } from './points.js';
import { summariseSeeds } from './score.js';
import { sweep } from './sweep.js';

const { values } = parseArgs({
  options: {
    configs: { type: 'string' },
    dataset: { type: 'string' },
    cache: { type: 'string', default: new URL('./scores.json', import.meta.url).pathname },
    quiet: { type: 'boolean', default: false },
  },
});
if (values.configs === undefined) throw new Error('--configs: expected a JSON file of [{ name, options }]');
const configs = JSON.parse(readFileSync(values.configs, 'utf8')) as ReplayConfig[];
const sets = developmentSets(values.dataset);
const seeds = [0, 1, 2, 3, 4];
const cache = new ScoreCache(values.cache, replayedCode());
const log = values.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
const baselines = RULE_FAMILIES.filter((f) => f.name === 'default' || f.name === 'truncation');
await sweep({
  sets,
  configs: [
    ...configs,
    ...baselines.flatMap((f) =>
      f.values.map((v) => ({ name: `${f.name} ${f.knob}=${v}`, options: f.options(v) })),
    ),
  ],
  seeds,
  cache,
  ...(log ? { log } : {}),
});

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const num = (v: number | null) => (v === null ? '  –  ' : v.toFixed(2));
for (const config of configs) {
  const cells: string[] = [];
  for (const set of sets) {
    const scores = seedScores(cache, set, config, seeds);
    if (!scores) continue;
    const s = summariseSeeds(scores);
    const [dflt, trunc] = baselines.map((f) =>
      valueAtSavings(familyPoints(cache, set, f, seeds), s.saved.mean, 'top10pct'),
    );
    cells.push(
      `${set} ${pct(s.saved.mean)} r=${s.top10pct.mean.toFixed(2)} best=${s.best.mean.toFixed(1)} vs d=${num(dflt ?? null)} t=${num(trunc ?? null)}`,
    );
  }
  process.stdout.write(`${config.name}\n  ${cells.join('\n  ')}\n`);
}
