import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/commands/replay.js';
import { memoryIO } from '../helpers/memory-io.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';

/** `count` saturating accuracy curves over epochs 1…`epochs`, different asymptotes, as JSON Lines. */
function curvesText(count: number, epochs: number): string {
  const lines = Array.from({ length: count }, (_, i) => {
    const xs = Array.from({ length: epochs }, (_, e) => e + 1);
    return JSON.stringify({
      id: `c${i}`,
      epochs: xs,
      val_acc: xs.map((x) => 50 + 4 * i - 30 * Math.exp(-x / 3)),
    });
  });
  return `${lines.join('\n')}\n`;
}

describe('penguin replay', () => {
  it('replays curves with the predictor and prints the metrics table', async () => {
    const cwd = tempDir();
    const io = memoryIO(cwd);
    expect(await replayCommand(NB201, { limit: 6, target: 40, perCurve: 'rows.jsonl' }, io)).toBe(0);
    expect(io.out()).toContain(`${NB201}: 6 curves, val_acc (maximize), target epoch 40, seed 0`);
    expect(io.out()).toMatch(/\| metric \| predictor \|/);
    expect(io.err()).toMatch(/^replayed predictor \(1\/1\) in \d+\.\d s\n$/);
    const rows = readFileSync(join(cwd, 'rows.jsonl'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(6);
    expect(JSON.parse(rows[0] as string)).toMatchObject({ config: 'predictor', full_epochs: 40 });
  }, 60_000);

  it('--in-file-order meets the curves as the recorded search ran them, and --limit takes its first trials', async () => {
    const cwd = tempDir({ 'ten.jsonl': curvesText(10, 12) });
    const io = memoryIO(cwd);
    const options = { inFileOrder: true, limit: 7, perCurve: 'rows.jsonl' };
    expect(await replayCommand('ten.jsonl', options, io)).toBe(0);
    expect(io.out()).toContain('ten.jsonl: 7 curves, val_acc (maximize), target epoch 12, in the file order');
    const rows = readFileSync(join(cwd, 'rows.jsonl'), 'utf8').trim().split('\n');
    expect(rows.map((row) => JSON.parse(row).id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    // The seeded shuffle is another order.
    const shuffled = memoryIO(cwd);
    expect(await replayCommand('ten.jsonl', { limit: 7, perCurve: 'seeded.jsonl', seed: 3 }, shuffled)).toBe(
      0,
    );
    const seeded = readFileSync(join(cwd, 'seeded.jsonl'), 'utf8').trim().split('\n');
    expect(seeded.map((row) => JSON.parse(row).id)).not.toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  }, 60_000);

  it('--json prints the report only; --config takes the predictor and seed of a run config, not its maxEpochs', async () => {
    const cwd = tempDir({
      '.penguinrc.json': JSON.stringify({
        space: 'tabular',
        searcher: 'random',
        trainer: 'replay',
        predictor: { preset: 'reference' },
        maxEpochs: 40,
        budget: { trials: 1 },
        seed: 3,
      }),
      'short.jsonl': curvesText(8, 10),
    });
    const io = memoryIO(cwd);
    expect(await replayCommand('short.jsonl', { json: true, config: '.penguinrc.json' }, io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ curves: 8, seed: 3, targets: [10], metric: 'val_acc' });
    expect(report.configs[0].options).toEqual({ preset: 'reference' });
    expect(io.err()).toBe('');
  }, 60_000);

  it('replays named configurations from a predictor-only file and --predictor, over several seeds', async () => {
    const cwd = tempDir({
      'rules.json': JSON.stringify([
        { name: 'asha', options: { rule: { kind: 'asha', reductionFactor: 2 } } },
      ]),
      'short.jsonl': curvesText(8, 10),
    });
    const io = memoryIO(cwd);
    const options = {
      config: 'rules.json',
      predictor: ['none={"rule":{"kind":"never"}}'],
      seeds: '0..2',
      json: true,
    };
    expect(await replayCommand('short.jsonl', options, io)).toBe(0);
    const result = JSON.parse(io.out());
    expect(result.seeds).toEqual([0, 1, 2]);
    expect(result.reports.map((r: { seed: number }) => r.seed)).toEqual([0, 1, 2]);
    expect(result.summary.map((s: { name: string }) => s.name)).toEqual(['asha', 'none']);
    expect(result.summary[1].epochsSaved).toEqual({ mean: 0, sd: 0 });
    const text = memoryIO(cwd);
    expect(await replayCommand('short.jsonl', { ...options, json: false, progress: true }, text)).toBe(0);
    expect(text.out()).toContain('mean ± sd over seeds 0, 1, 2');
    expect(text.out()).toMatch(/\| epochs saved \| [\d.]+ ± [\d.]+% \| 0\.0 ± 0\.0% \|/);
    expect(text.err()).toContain('asha: 8/8 curves (100%)\n');
  }, 60_000);

  it('--deltas replays the default once per δ and names the δ saving the most while keeping --recall of the top 10%', async () => {
    const cwd = tempDir();
    const io = memoryIO(cwd);
    const options = { limit: 60, target: 40, seeds: '0..1', deltas: '0.01,0.5', recall: '0.9' };
    expect(await replayCommand(NB201, options, io)).toBe(0);
    expect(io.out()).toContain('| metric | predictor δ=0.01 | predictor δ=0.5 |');
    // δ reaches the rule: the bolder δ saves more and keeps less of the top 10% (6 networks of these 60).
    const json = memoryIO(cwd);
    expect(await replayCommand(NB201, { ...options, json: true }, json)).toBe(0);
    const result = JSON.parse(json.out());
    const [careful, bold] = result.summary as {
      epochsSaved: { mean: number };
      topK: { label: string; recall: { mean: number } }[];
    }[];
    const recall = (s: typeof careful) => s.topK.find((t) => t.label === 'top-10%')?.recall.mean as number;
    expect(bold.epochsSaved.mean).toBeGreaterThan(careful.epochsSaved.mean + 0.03);
    expect(recall(careful)).toBeGreaterThanOrEqual(0.9);
    expect(recall(bold)).toBeLessThan(0.9);
    // So the careful δ is the one that keeps 0.9: named in the text and in the JSON.
    expect(io.out()).toMatch(
      /\npredictor: δ = 0\.01 saves the most epochs while keeping 0\.9 of the top 10% on average \(0\.92, \d+\.\d% of epochs saved\)\n/,
    );
    expect(result.deltaChoices).toEqual({
      recall: 0.9,
      choices: [
        { config: 'predictor', delta: 0.01, epochsSaved: careful.epochsSaved.mean, recall: recall(careful) },
      ],
    });
  }, 60_000);

  it('an aim in a configuration reaches the default rule: aimed at the top 2% it saves more than the default', async () => {
    const cwd = tempDir();
    const io = memoryIO(cwd);
    const predictor = ['default={}', 'best={"aim":{"fraction":0.02}}'];
    expect(await replayCommand(NB201, { limit: 100, predictor, json: true }, io)).toBe(0);
    const [aimedAtTop10, aimedAtBest] = JSON.parse(io.out()).configs as {
      metrics: { epochsSaved: number };
    }[];
    expect(aimedAtBest?.metrics.epochsSaved).toBeGreaterThan(
      (aimedAtTop10?.metrics.epochsSaved as number) + 0.02,
    );
  }, 60_000);

  it('bad input exits with code 2 and one line: unknown metric, unreachable target, bad options, bad seeds', async () => {
    const cwd = tempDir({ 'short.jsonl': curvesText(4, 10) });
    const cases: [Parameters<typeof replayCommand>[1], string][] = [
      [
        { metric: 'nope' },
        'no curve has the metric "nope" (metrics found: val_acc); choose one with --metric',
      ],
      [{ target: 20 }, 'no curve reaches the target epoch 20 (the longest ends at epoch 10); lower --target'],
      [
        { predictor: ['x={"rule":{"kind":"asha","reductionFactor":1}}'] },
        'predictor "x".rule.reductionFactor: expected a number >= 2, got 1',
      ],
      [{ predictor: ['x={'] }, '--predictor #1: expected name=<JSON options> or <JSON options>, got "x={"'],
      [
        { predictor: ['x={"rule":{"kind":"asha"},"aim":{"fraction":0.05}}'] },
        `predictor "x".aim: expected a rule holding a top-fraction rule to aim, got rule kind 'asha'`,
      ],
      [{ seeds: '3..1' }, 'replay.seeds: expected a range such as 0..4'],
      [{ deltas: '0.1,2' }, 'replay.deltas: expected a list of distinct numbers in (0, 1)'],
      [{ deltas: '0.1', recall: '1.5' }, '--recall: expected a number in (0, 1], got "1.5"'],
      [{ deltas: '0.1', recall: 'abc' }, '--recall: expected a number in (0, 1], got "abc"'],
      [{ recall: '0.9' }, '--recall: chooses among the δ of --deltas; give --deltas too'],
      [
        { inFileOrder: true, seeds: '0..1' },
        '--in-file-order: the file has one order, so one figure and no seed; drop --seeds (or --in-file-order for seeded orders)',
      ],
      [
        { inFileOrder: true, seed: 2 },
        '--in-file-order: the file has one order, so one figure and no seed; drop --seed (or --in-file-order for seeded orders)',
      ],
      [
        { deltas: '0.1', predictor: ['a={"rule":{"kind":"asha"}}'] },
        `--deltas: predictor "a" has no top-fraction rule, so no δ to sweep (rule kind 'asha')`,
      ],
    ];
    for (const [options, message] of cases) {
      const io = memoryIO(cwd);
      expect(await replayCommand('short.jsonl', options, io)).toBe(2);
      expect(io.err()).toContain(`penguin replay: ${message}`);
      expect(io.err()).not.toContain('    at ');
    }
  }, 60_000);

  it('lists curves with non-increasing epochs and leaves them out of the metrics', async () => {
    const bad = JSON.stringify({ id: 'bad', epochs: [1, 2, 2, 4], val_acc: [1, 2, 3, 4] });
    const cwd = tempDir({ 'mixed.jsonl': `${curvesText(4, 4)}${bad}\n` });
    const io = memoryIO(cwd);
    expect(await replayCommand('mixed.jsonl', {}, io)).toBe(0);
    expect(io.out()).toContain('4 curves, 1 skipped');
    expect(io.out()).toContain('- bad: epochs not increasing at index 2 (2 then 2)');
  }, 60_000);

  it('a curve file with malformed lines names the file and the line', async () => {
    const cwd = tempDir({ 'bad.jsonl': '{"id":"a","epochs":[1],"val_acc":[1]}\nnot json\n' });
    const io = memoryIO(cwd);
    expect(await replayCommand('bad.jsonl', {}, io)).toBe(2);
    expect(io.err()).toMatch(/bad\.jsonl:2/);
  });
});
