import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/commands/replay.js';
import { memoryIO } from '../helpers/memory-io.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';

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

  it('--json prints the report only; --config supplies predictor options, target and seed', async () => {
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
    });
    const io = memoryIO(cwd);
    expect(await replayCommand(NB201, { limit: 6, json: true, config: '.penguinrc.json' }, io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ curves: 6, seed: 3, targets: [40], metric: 'val_acc' });
    expect(report.configs[0].options).toEqual({ preset: 'reference' });
    expect(io.err()).toBe('');
  }, 60_000);

  it('a curve file with malformed lines names the file and the line', async () => {
    const cwd = tempDir({ 'bad.jsonl': '{"id":"a","epochs":[1],"val_acc":[1]}\nnot json\n' });
    await expect(replayCommand('bad.jsonl', {}, memoryIO(cwd))).rejects.toThrow(/bad\.jsonl:2/);
  });
});
