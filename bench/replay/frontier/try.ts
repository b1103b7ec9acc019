/**
 * Tries candidate configurations against the frontier users already have on every development set, over 5 replay
 * orders: per set, the candidate's epochs saved and top-10% recall (mean [smallest–largest], as FRONTIER.md writes
 * them), and the top-10% recall of the default's δ sweep, truncation, median stopping and ASHA interpolated to the
 * candidate's mean savings ("–": the family never saves that much, or always more). Candidates come from a JSON
 * file of `[{ name, options }]`; the baselines are replayed too when the cache lacks them.
 *
 *   node --conditions=source --import tsx bench/replay/frontier/try.ts --configs FILE [--dataset a,b] [--cache FILE]
 *     [--limit N] [--seeds N] [--quiet]
 *
 * `--limit N` replays the first N curves of each seeded order instead of each set's own limit: a search of N
 * trials (the 40-trial searches of a first run); `--seeds N` replays seeds 0..N-1 (default 5, at least 5).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ReplayConfig } from '../../../packages/predictor/src/replay/index.js';
import { developmentSets } from '../datasets.js';
import { replayedCode, ScoreCache } from './cache.js';
import { familyConfigs, pickFamilies } from './families.js';
import { familyPoints, seedScores, valueAtSavings } from './points.js';
import { num, pct } from './report.js';
import { summariseSeeds } from './score.js';
import { sweep } from './sweep.js';

const { values } = parseArgs({
  options: {
    configs: { type: 'string' },
    dataset: { type: 'string' },
    cache: { type: 'string', default: fileURLToPath(new URL('./scores.json', import.meta.url)) },
    limit: { type: 'string' },
    seeds: { type: 'string', default: '5' },
    quiet: { type: 'boolean', default: false },
  },
});
const limit = values.limit === undefined ? undefined : Number(values.limit);
if (limit !== undefined && !(Number.isInteger(limit) && limit >= 10))
  throw new Error(`--limit: expected an integer >= 10 (curves per replay), got ${values.limit}`);
const seedCount = Number(values.seeds);
if (!(Number.isInteger(seedCount) && seedCount >= 5))
  throw new Error(`--seeds: expected an integer >= 5 (replay orders), got ${values.seeds}`);
if (values.configs === undefined) throw new Error('--configs: expected a JSON file of [{ name, options }]');
const configs = JSON.parse(readFileSync(values.configs, 'utf8')) as ReplayConfig[];
const sets = developmentSets(values.dataset);
const seeds = Array.from({ length: seedCount }, (_, i) => i);
const cache = new ScoreCache(values.cache, replayedCode());
const baselines = pickFamilies('default,truncation,median,asha');
await sweep({
  sets,
  configs: [...configs, ...familyConfigs(baselines)],
  seeds,
  cache,
  ...(limit === undefined ? {} : { limit }),
  ...(values.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
});

for (const config of configs) {
  process.stdout.write(`${config.name}\n`);
  for (const set of sets) {
    const scores = seedScores(cache, set, config, seeds, limit);
    if (!scores) continue;
    const s = summariseSeeds(scores);
    const against = baselines.map((family) => {
      const recall = valueAtSavings(familyPoints(cache, set, family, seeds, limit), s.saved.mean, 'top10pct');
      return `${family.name} ${recall === null ? '–' : recall.toFixed(2)}`;
    });
    process.stdout.write(
      `  ${set}: saved ${pct(s.saved)}, top-10% ${num(s.top10pct)}, best kept ${num(s.best, 1)}; at these savings ${against.join(', ')}\n`,
    );
  }
}
