/**
 * Writes the development curve files again with extra per-epoch metrics derived from each curve, so a calibration
 * feature can be tried through `calibration.trainingMetric` (which takes any logged metric by name) before any code
 * is written for it. Every derived value at an epoch uses the validation curve up to that epoch only:
 *
 * - `running_mean`: the mean of the finite values so far (the area under the curve, per epoch);
 * - `running_best`: the best value so far (largest accuracy, smallest loss);
 * - `recent_slope`: the mean of the last k finite values minus the mean of the k before them, k = ⌊n / 5⌋ (at least 1)
 *   of the n values so far; the last minus the first while n < 2k; none before the second value;
 * - `first_value`: the first finite value;
 * - QuickTune only, from each run's `config` (timm's schedules as the set's README describes them: linear warm-up from
 *   `warmup_lr`, cosine over 50 epochs, step decay by `decay_rate` every `decay_epochs`, plateau taken as constant):
 *   `lr_log`, log10 of the learning rate during the epoch, and `lr_left`, log10 of the learning rate still to come
 *   (summed over the later epochs, relative to the base rate, + 0.001);
 * - curves with a logged rate (`lr`, the schedule search of bench/e2e): `lr_log` and `lr_decay_left` (log10 of the
 *   rate now over the last one, at most 3), and for genomes with a `schedule` label `schedule_code_a` / `_b` (the
 *   label as a number in two orders); `npx penguin replay DIR/fmnist-mlp-schedules-150.jsonl --seeds 0..9 -c
 *   bench/replay/frontier/tries/schedule-rate-features.json` replays them (`--also
 *   bench/e2e/curves/fmnist-mlp-schedules-150-seed2.jsonl` writes the second recording too).
 *
 * Values beyond ±1e6 (TaskSet's diverged losses) count as missing. BENCHMARKS.md ("Features tried for the
 * calibration and not kept") has the figures these files gave.
 *
 *   node --conditions=source --import tsx bench/replay/derived-metrics.ts --out DIR
 *   PENGUIN_CURVES=DIR node --conditions=source --import tsx bench/replay/frontier/try.ts \
 *     --configs bench/replay/frontier/tries/derived-features.json --cache DIR/scores.json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatCurveText, readCurveFile } from '@penguin-nas/core';
import {
  curveFeatures,
  loggedRateFeatures,
  type QuickTuneConfig,
  scheduleCodes,
  scheduleFeatures,
} from './curve-features.js';
import { DEVELOPMENT_SETS } from './datasets.js';

const { values } = parseArgs({
  options: { out: { type: 'string' }, also: { type: 'string', multiple: true, default: [] } },
});
if (values.out === undefined) throw new Error('--out: expected the directory to write the curve files to');
const out = values.out;
// `--also FILE`: another curve file of accuracies (`val_acc`, maximised), e.g. a second recording of a search.
const also = values.also.map((file) => ({ file, metric: 'val_acc', direction: 'maximize' }) as const);

mkdirSync(out, { recursive: true });
for (const set of [...Object.values(DEVELOPMENT_SETS), ...also]) {
  const read = await readCurveFile(set.file);
  const labelOf = (record: (typeof read)[number]): string | undefined => {
    const label = record.genome?.schedule;
    return typeof label === 'string' ? label : undefined;
  };
  const codesOf = scheduleCodes([...new Set(read.map(labelOf).filter((l) => l !== undefined))]);
  const records = read.map((record) => {
    const curve = record.metrics[set.metric];
    if (curve === undefined) throw new Error(`${set.file}: curve ${record.id} has no '${set.metric}'`);
    const config = set.file.endsWith('quicktune-dev.jsonl') ? record.extra.config : undefined;
    const schedule = config === undefined ? {} : scheduleFeatures(config as QuickTuneConfig, record.epochs);
    const lr = record.metrics.lr;
    const rate = lr === undefined ? {} : loggedRateFeatures(lr);
    const label = labelOf(record);
    const codes = label === undefined ? {} : codesOf(label, record.epochs.length);
    return {
      ...record,
      metrics: {
        ...record.metrics,
        ...curveFeatures(curve, set.direction === 'maximize'),
        ...schedule,
        ...rate,
        ...codes,
      },
    };
  });
  writeFileSync(join(out, basename(set.file)), formatCurveText(records));
  process.stderr.write(`${basename(set.file)}: ${records.length} curves\n`);
}
