import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCurveFile } from '@penguin-nas/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatReplayTable,
  formatSeedsTable,
  nameConfigs,
  predictorPlugins,
  replaySeeds,
  runReplay,
} from '../../src/replay/index.js';

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'penguin-replay-audit-'));
  file = join(dir, 'curves.jsonl');
  // Curve i rises a point an epoch from 50 + i: final 60 + i at epoch 10, 55 + i at epoch 5.
  const lines = Array.from({ length: 10 }, (_, i) => ({
    id: `c${i}`,
    epochs: Array.from({ length: 10 }, (_, e) => e + 1),
    val_acc: Array.from({ length: 10 }, (_, e) => 50 + i + e + 1),
  }));
  await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Truncation at half the epochs stops every trial at epoch 5; every 3rd trial is trained fully, audited from trial 3.
const audited = {
  name: 'audited',
  options: { rule: { kind: 'truncation', fraction: 0.5 }, fullTraining: { every: 3 } },
};

describe('the audit in a replay', () => {
  it('reports the audited trials and what the rule would have done to them', async () => {
    const report = await runReplay({
      file,
      configs: [audited, { name: 'plain', options: { rule: { kind: 'never' } } }],
    });
    const [withAudit, plain] = report.configs;
    expect(withAudit?.audits?.map((a) => [a.stop?.epoch, a.final - (a.stop?.prediction ?? 0)])).toEqual([
      [5, 5],
      [5, 5],
      [5, 5],
    ]);
    expect(plain?.audits).toBeUndefined();
    const table = formatReplayTable(report);
    expect(table).toContain('| audited trials | 3 (would stop 3) | – |');
    expect(table).toContain('| … top 10% of them the rule would spare | 0 (0/1) | – |');
    expect(table).toContain('| … error of the values its stops would report | 5 | – |');
  });

  it('gives the audit as mean ± sd over seeds', async () => {
    const configs = nameConfigs([audited]);
    const records = await readCurveFile(file);
    const seeds = await replaySeeds(records, configs, { createPlugin: predictorPlugins(configs) }, [0, 1]);
    const table = formatSeedsTable(seeds);
    expect(table).toContain('| audited trials | 3.0 ± 0.0 |');
    expect(table).toContain('| … better half of them the rule would spare | 0.000 ± 0.000 |');
    expect(table).toContain('| … error of the values its stops would report | 5.000 ± 0.000 |');
  });
});
