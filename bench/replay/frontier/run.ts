/**
 * Frontier sweep of the termination rules on the development curves: every rule family along its one knob, over
 * several replay orders (seeds), each set scored separately; then the tables, the plots and the leave-one-set-out
 * check of the default's constants, written by `report.ts`.
 *
 *   node --conditions=source --import tsx bench/replay/frontier/run.ts [--dataset nb201,a4nn|all]
 *     [--family default,truncation|all] [--candidates] [--seeds 5] [--no-report]
 *
 * See bench/replay/README.md.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { developmentSets } from '../datasets.js';
import { replayedCode, ScoreCache } from './cache.js';
import { CANDIDATE_DEFAULTS } from './candidates.js';
import { familyConfigs, pickFamilies } from './families.js';
import { sweep } from './sweep.js';

export const SCORES_FILE = fileURLToPath(new URL('./scores.json', import.meta.url));

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'all' },
    family: { type: 'string', default: 'all' },
    candidates: { type: 'boolean', default: false },
    seeds: { type: 'string', default: '5' },
    'no-report': { type: 'boolean', default: false },
  },
});

const seedCount = Number(values.seeds);
if (!Number.isInteger(seedCount) || seedCount < 1)
  throw new Error(`--seeds: expected an integer >= 1, got ${values.seeds}`);
const seeds = Array.from({ length: seedCount }, (_, i) => i);
const configs = [
  ...(values.family === 'none' ? [] : familyConfigs(pickFamilies(values.family))),
  ...(values.candidates ? CANDIDATE_DEFAULTS : []),
];
const cache = new ScoreCache(SCORES_FILE, replayedCode());
if (cache.dropped > 0)
  process.stderr.write(
    `frontier/scores.json: ${cache.dropped} scores of another code version dropped; replaying\n`,
  );
const sets = developmentSets(values.dataset);
await sweep({
  sets,
  configs,
  seeds,
  cache,
  log: (line) => process.stderr.write(`${line}\n`),
});
if (!values['no-report']) {
  const { writeReport } = await import('./report.js');
  // The command that replays every figure of the report (from scratch once frontier/scores.json is removed).
  const command = 'node --conditions=source --import tsx bench/replay/frontier/run.ts --candidates';
  const written = await writeReport(cache, { sets, seeds, command });
  // Tables padded the way the repository's formatter (Biome) wants them, so the lint stays green.
  const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));
  execFileSync(biome, ['format', '--write', ...written], { stdio: 'inherit' });
}
