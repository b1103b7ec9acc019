/**
 * Where the error of the value handed to the searcher comes from: for the trials the default stops, the signed
 * error of the reported value against the true final, beside the error the curve's last observed value would
 * have (what truncation reports), per set, pooled over seeds. Positive means "reported better than the truth"
 * (higher accuracy, lower loss); accuracies in points, losses in percent of the true loss.
 *
 *   node --conditions=source --import tsx bench/replay/frontier/bias.ts [--dataset quicktune,nb201] [--seeds 5]
 */

import { parseArgs } from 'node:util';
import { readCurveFile } from '@penguin-nas/core';
import { mean } from 'simple-statistics';
import { predictorPlugin } from '../../../packages/predictor/src/plugin/index.js';
import { replayCurves } from '../../../packages/predictor/src/replay/index.js';
import { DEVELOPMENT_SETS, developmentSets } from '../datasets.js';

const { values } = parseArgs({
  options: { dataset: { type: 'string', default: 'all' }, seeds: { type: 'string', default: '5' } },
});
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
const lines = [
  '| set | stopped trials | reported − true (mean, abs. mean) | last observed − true (mean, abs. mean) |',
  '| --- | ---: | ---: | ---: |',
];
for (const name of developmentSets(values.dataset)) {
  const set = DEVELOPMENT_SETS[name];
  const limit = (set as { limit?: number }).limit;
  const records = await readCurveFile(set.file);
  const byId = new Map(records.map((r) => [r.id, r]));
  // "Better than the truth" is positive for both directions; losses in percent of the true value.
  const sign = set.direction === 'maximize' ? 1 : -1;
  const reported: number[] = [];
  const observed: number[] = [];
  for (const seed of seeds) {
    const report = await replayCurves(records, [{ name: 'default', options: {} }], {
      metric: set.metric,
      direction: set.direction,
      seed,
      ...(limit === undefined ? {} : { limit }),
      createPlugin: (o) => predictorPlugin(o),
    });
    for (const o of report.configs[0]?.outcomes ?? []) {
      if (!o.converged || o.reported === null || o.true_final === null) continue;
      const record = byId.get(o.id);
      const last = record?.metrics[set.metric]?.[record.epochs.indexOf(o.epochs_trained)];
      if (typeof last !== 'number') continue;
      const scale = set.direction === 'maximize' ? 1 : 100 / Math.abs(o.true_final);
      reported.push(sign * scale * (o.reported - o.true_final));
      observed.push(sign * scale * (last - o.true_final));
    }
  }
  const abs = (xs: number[]) => mean(xs.map(Math.abs));
  lines.push(
    `| ${name} | ${reported.length} | ${mean(reported).toFixed(2)}, ${abs(reported).toFixed(2)} | ` +
      `${mean(observed).toFixed(2)}, ${abs(observed).toFixed(2)} |`,
  );
  process.stderr.write(`${lines[lines.length - 1]}\n`);
}
process.stdout.write(`${lines.join('\n')}\n`);
