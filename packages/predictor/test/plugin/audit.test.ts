import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CurveRecord, Engine, replayTrainer, tabularSpace } from '@penguin-nas/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AuditRecord,
  auditLines,
  auditSummary,
  predictorPlugin,
  recalledAudit,
  wilsonInterval,
} from '../../src/plugin/index.js';
import { sequenceSearcher } from '../../src/replay/order.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('wilsonInterval', () => {
  it('matches the textbook values', () => {
    const [lo0, hi0] = wilsonInterval(0, 10);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.2775, 3);
    const [lo5, hi5] = wilsonInterval(5, 10);
    expect(lo5).toBeCloseTo(0.2366, 3);
    expect(hi5).toBeCloseTo(0.7634, 3);
    expect(wilsonInterval(1, 1)[1]).toBe(1);
  });
});

describe('auditSummary', () => {
  const record = (id: string, final: number, stop?: { epoch: number; prediction?: number }): AuditRecord => ({
    id,
    final,
    ...(stop === undefined ? {} : { stop: { ...stop, reason: 'test' } }),
  });
  // Ten audited trials, finals 10..19; the rule would have stopped 19 (the best), 15, 12, 11 and 10.
  const records = [
    record('a', 19, { epoch: 2, prediction: 17 }),
    record('b', 18),
    record('c', 17),
    record('d', 16),
    record('e', 15, { epoch: 3, prediction: 16 }),
    record('f', 14),
    record('g', 13),
    record('h', 12, { epoch: 1 }),
    record('i', 11, { epoch: 1, prediction: 9 }),
    record('j', 10, { epoch: 1, prediction: 10 }),
  ];

  it('counts the would-be stops in the top 10%, top 25% and better half (maximised)', () => {
    const summary = auditSummary(records, 'maximize');
    expect(summary.trials).toBe(10);
    expect(summary.stopped).toBe(5);
    // top 10% = 1 trial (a, stopped); top 25% = ⌊2.5⌋ = 2 (a, b); better half = 5 (a–e: a and e stopped).
    expect(summary.bands.map((b) => [b.share, b.trials, b.stopped])).toEqual([
      [0.1, 1, 1],
      [0.25, 2, 1],
      [0.5, 5, 2],
    ]);
    expect(summary.bands[2]?.spared).toBeCloseTo(0.6);
    // |17 − 19|, |16 − 15|, |9 − 11|, |10 − 10|: h reported no value.
    expect(summary.error).toBeCloseTo(5 / 4);
  });

  it('ranks the other way for a loss', () => {
    const summary = auditSummary(records, 'minimize');
    // The best losses are j (10, stopped) and i (11, stopped); the better half j, i, h, g, f: three stopped.
    expect(summary.bands.map((b) => [b.trials, b.stopped])).toEqual([
      [1, 1],
      [2, 2],
      [5, 3],
    ]);
  });

  it('says when nothing was audited, and words the figures', () => {
    expect(auditSummary([], 'maximize').bands.every((b) => b.spared === null)).toBe(true);
    expect(auditLines(auditSummary([], 'maximize'))[0]).toMatch(/fullTraining\.every/);
    const lines = auditLines(auditSummary(records, 'maximize'));
    expect(lines[0]).toBe('10 audited trials (trained fully on purpose); the rule would have stopped 5');
    expect(lines[3]).toBe('better half (5 trials): would have spared 3, 60% (95% interval 23%–88%)');
    expect(lines[4]).toBe('values its stops would have reported: mean absolute error 1.25');
  });
});

describe('recalledAudit', () => {
  it('reads the first would-be stop a trial recorded, and ignores malformed ones', () => {
    const base = { metric: 'val_acc', target: 10, by: 'predictor:peng4nn' };
    expect(
      recalledAudit([
        { ...base, epoch: 1, value: 50 },
        { ...base, epoch: 2, value: 51, detail: { audit: { epoch: 'two', reason: 'x' } } },
        { ...base, epoch: 3, value: 52, detail: { audit: { epoch: 3, reason: 'stop', prediction: 52 } } },
      ]),
    ).toEqual({ epoch: 3, reason: 'stop', prediction: 52 });
    expect(recalledAudit([{ ...base, epoch: 1, value: 50 }])).toBeUndefined();
  });
});

/** Trial i's accuracy rises by a point an epoch from 50 + i: its final (epoch 10) is 60 + i, its value at 5 is 55 + i. */
function risingCurves(count: number): CurveRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const epochs = Array.from({ length: 10 }, (_, e) => e + 1);
    return {
      id: `c${i}`,
      epochs,
      metrics: { val_acc: epochs.map((e) => 50 + i + e) },
      genome: { curve: `c${i}` },
    };
  });
}

function auditedRun(records: CurveRecord[], dir: string, trials: number, resume: boolean, loss = false) {
  const space = tabularSpace(records);
  // Truncation at half the epochs would stop every trial at epoch 5; every 2nd trial is trained fully, and from
  // trial 2 on audited (trial 0 comes before any rule can judge).
  const plugin = predictorPlugin({ rule: { kind: 'truncation', fraction: 0.5 }, fullTraining: { every: 2 } });
  const metric = loss ? 'val_loss' : 'val_acc';
  const engine = new Engine({
    space,
    searcher: sequenceSearcher(records.map((r) => r.genome ?? {})),
    trainer: replayTrainer(space, { metrics: [metric] }),
    objectives: [{ name: metric, direction: loss ? 'minimize' : 'maximize', from: 'curve' }],
    maxEpochs: 10,
    budget: { trials },
    plugins: [plugin],
    dir,
    resume,
  });
  return { plugin, engine };
}

const auditFigures = (audits: readonly AuditRecord[]) =>
  audits.map((a) => [a.final, a.stop?.epoch, a.stop?.prediction]);

describe('the audit in a run', () => {
  it('trains audited trials fully, keeps the stop the rule would have made, and journals the estimate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-audit-'));
    dirs.push(dir);
    const records = risingCurves(8);
    const { plugin, engine } = auditedRun(records, dir, 8, false);
    const summary = await engine.run();

    const byIndex = [...summary.trials].sort((a, b) => a.index - b.index);
    expect(byIndex.map((t) => [t.status, t.cost.epochs])).toEqual(
      byIndex.map((t) => (t.index % 2 === 0 ? ['completed', 10] : ['stopped', 5])),
    );
    // The audited trial's prediction at epoch 5 holds the stop it was spared; trial 0 is trained fully, not audited.
    const marked = (index: number) =>
      byIndex[index]?.predictions.filter((p) => p.detail?.audit !== undefined) ?? [];
    expect(marked(0)).toHaveLength(0);
    expect(marked(2)).toHaveLength(1);
    expect(marked(2)[0]?.epoch).toBe(5);
    expect(marked(2)[0]?.detail?.audit).toMatchObject({ epoch: 5, prediction: 57 });

    expect(auditFigures(plugin.predictor?.audits ?? [])).toEqual([
      [62, 5, 57],
      [64, 5, 59],
      [66, 5, 61],
    ]);

    const events = readFileSync(join(dir, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; event?: { event?: string; lines?: string[] } });
    const plugins = events.filter((e) => e.type === 'plugin').map((e) => e.event);
    expect(plugins.filter((e) => e?.event === 'audit')).toHaveLength(3);
    // The estimate so far after every audited trial (a killed run keeps the latest), the last one over all three.
    const estimates = plugins.filter((e) => e?.event === 'audit summary');
    expect(estimates.map((e) => e?.lines?.[0])).toEqual([
      '1 audited trial (trained fully on purpose); the rule would have stopped 1',
      '2 audited trials (trained fully on purpose); the rule would have stopped 2',
      '3 audited trials (trained fully on purpose); the rule would have stopped 3',
    ]);
    expect(estimates.at(-1)?.lines).toEqual([
      '3 audited trials (trained fully on purpose); the rule would have stopped 3',
      'top 10% (1 trial): would have spared 0, 0% (95% interval 0%–79%)',
      'top 25% (1 trial): would have spared 0, 0% (95% interval 0%–79%)',
      'better half (1 trial): would have spared 0, 0% (95% interval 0%–79%)',
      'values its stops would have reported: mean absolute error 5.00',
    ]);
  });

  it('counts no stop at the target, where a finished trial is never judged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-audit-'));
    dirs.push(dir);
    const records = risingCurves(4);
    const space = tabularSpace(records);
    const plugin = predictorPlugin({ rule: { kind: 'truncation', fraction: 1 }, fullTraining: { every: 2 } });
    await new Engine({
      space,
      searcher: sequenceSearcher(records.map((r) => r.genome ?? {})),
      trainer: replayTrainer(space, { metrics: ['val_acc'] }),
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 10,
      budget: { trials: 4 },
      plugins: [plugin],
      dir,
    }).run();
    expect(auditFigures(plugin.predictor?.audits ?? [])).toEqual([[62, undefined, undefined]]);
  });

  it('reports a loss in its own units', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-audit-'));
    dirs.push(dir);
    // Loss of curve i: 2 + i/10 − e/10, so 1 + i/10 at epoch 10 and 1.5 + i/10 at epoch 5.
    const records = risingCurves(4).map((r, i) => ({
      ...r,
      metrics: { val_loss: r.epochs.map((e) => 2 + i / 10 - e / 10) },
    }));
    const { plugin, engine } = auditedRun(records, dir, 4, false, true);
    await engine.run();
    const [audit] = plugin.predictor?.audits ?? [];
    expect(audit?.final).toBeCloseTo(1.2);
    expect(audit?.stop?.prediction).toBeCloseTo(1.7);
    expect(auditSummary(plugin.predictor?.audits ?? [], 'minimize').error).toBeCloseTo(0.5);
  });

  it('a resumed run recalls the audits from the journal (the predictor keeps no checkpoint)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-audit-'));
    dirs.push(dir);
    const records = risingCurves(8);
    const first = auditedRun(records, dir, 4, false);
    await first.engine.run();
    expect(auditFigures(first.plugin.predictor?.audits ?? [])).toEqual([[62, 5, 57]]);
    const checkpoint = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as { plugins?: object };
    expect(Object.keys(checkpoint.plugins ?? {})).not.toContain('predictor');
    const resumed = auditedRun(records, dir, 4, true);
    await resumed.engine.run();
    expect(auditFigures(resumed.plugin.predictor?.audits ?? [])).toEqual([[62, 5, 57]]);
    expect(resumed.plugin.state()).toEqual(first.plugin.state());
    const more = auditedRun(records, dir, 8, true);
    await more.engine.run();
    expect(auditFigures(more.plugin.predictor?.audits ?? [])).toEqual([
      [62, 5, 57],
      [64, 5, 59],
      [66, 5, 61],
    ]);
  });
});
