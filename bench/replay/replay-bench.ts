/**
 * Quality benchmark of the predictor: replays the shared real learning curves with the baselines, the reference
 * rule and the candidate configurations, and writes the metrics side by side as markdown.
 *
 *   node --conditions=source --import tsx bench/replay/replay-bench.ts [--dataset nb201|taskset|quicktune|nlp|a4nn|all]
 *     [--limit N] [--seed S] [--only name,name] [--out FILE] [--per-curve DIR]
 *
 * See bench/replay/README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatReplayTable,
  type ReplayConfig,
  runReplay,
  standardConfigs,
} from '../../packages/predictor/src/replay/index.js';
import { CANDIDATE_CONFIGS } from './candidates.js';
import { DEVELOPMENT_SETS } from './datasets.js';

/** The development sets (the sweep's subset limits do not apply here: `--limit` sets one). */
const DATASETS = DEVELOPMENT_SETS;

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'all' },
    limit: { type: 'string' },
    seed: { type: 'string', default: '0' },
    only: { type: 'string' },
    out: { type: 'string' },
    'per-curve': { type: 'string' },
  },
});

const names = values.dataset === 'all' ? ['nb201', 'taskset'] : [values.dataset];
for (const name of names) {
  if (!(name in DATASETS))
    throw new Error(`--dataset: expected ${Object.keys(DATASETS).join(', ')} or all, got ${name}`);
}
const seed = Number(values.seed);
const limit = values.limit === undefined ? undefined : Number(values.limit);
const all: ReplayConfig[] = [...standardConfigs(), ...CANDIDATE_CONFIGS];
const only = values.only?.split(',').map((s) => s.trim());
const configs = only ? all.filter((c) => only.includes(c.name)) : all;
if (configs.length === 0)
  throw new Error(
    `--only: no configuration named ${only?.join(', ')}; have ${all.map((c) => c.name).join(', ')}`,
  );

const command =
  `node --conditions=source --import tsx bench/replay/replay-bench.ts ${process.argv.slice(2).join(' ')}`.trim();
const sections: string[] = [`Command: \`${command}\``, ''];
for (const name of names as (keyof typeof DATASETS)[]) {
  const dataset = DATASETS[name];
  if (values['per-curve']) await mkdir(values['per-curve'], { recursive: true });
  const started = performance.now();
  const report = await runReplay({
    file: dataset.file,
    metric: dataset.metric,
    direction: dataset.direction,
    configs,
    seed,
    ...(limit === undefined ? {} : { limit }),
    ...(values['per-curve'] ? { perCurve: join(values['per-curve'], `${name}.jsonl`) } : {}),
    onConfigDone: (c) =>
      process.stderr.write(
        `${name} ${c.name}: saved ${(c.metrics.epochsSaved * 100).toFixed(1)}%, ` +
          `top-10% ${c.metrics.topK[1]?.recall.toFixed(3)}, error ${c.metrics.predictionError.mean.toFixed(3)} (${c.seconds.toFixed(1)} s)\n`,
      ),
  });
  const table = formatReplayTable(report);
  process.stdout.write(`${table}\n`);
  sections.push(
    `## ${name}`,
    '',
    table,
    `(${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
    '',
  );
  const options = configs.map((c) => `- **${c.name}**: \`${JSON.stringify(c.options)}\``);
  if (name === names[names.length - 1]) sections.push('Configurations:', '', ...options, '');
}
if (values.out) await writeFile(values.out, `${sections.join('\n')}\n`);
