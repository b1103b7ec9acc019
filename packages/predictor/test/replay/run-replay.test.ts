import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameConfigs, type ReplayPluginFactory, runReplay } from '../../src/replay/index.js';

const passive: ReplayPluginFactory = () => ({ name: 'passive', apply: () => {} });

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'penguin-replay-'));
  file = join(dir, 'curves.jsonl');
  const lines = [
    { id: 'x', epochs: [0, 1, 2], valid_loss: [1, 0.5, 0.4], train_loss: [1, 0.4, 0.3] },
    { id: 'y', epochs: [0, 1, 2], valid_loss: [1, 0.6, null], train_loss: [1, 0.5, 0.4] },
    { id: 'z', epochs: [0, 1, 2], valid_loss: [1, 0.3, 0.2], train_loss: [1, 0.2, 0.1] },
  ];
  await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runReplay', () => {
  it('reads a curve file, guesses a loss metric, and writes one per-curve line per curve and configuration', async () => {
    const perCurve = join(dir, 'rows.jsonl');
    const report = await runReplay({
      file,
      metric: 'valid_loss',
      configs: [{ rule: { kind: 'never' } }, { name: 'mine', options: {} }],
      perCurve,
      createPlugin: passive,
    });
    expect(report.direction).toBe('minimize');
    expect(report.file).toBe(file);
    expect(report.configs.map((c) => c.name)).toEqual(['never', 'mine']);
    const rows = (await readFile(perCurve, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.id === 'y' && r.config === 'mine')).toEqual({
      id: 'y',
      config: 'mine',
      epochs_trained: 2,
      full_epochs: 2,
      converged: false,
      reported: 0.6,
      true_final: 0.6,
    });
  });

  it('replays a seeded subset with limit', async () => {
    const report = await runReplay({ file, metric: 'valid_loss', limit: 2, createPlugin: passive, seed: 5 });
    expect(report.curves).toBe(2);
    expect(report.configs.map((c) => c.name)).toEqual(['recommended']);
    await expect(runReplay({ file, limit: 0, createPlugin: passive })).rejects.toThrow(
      'replay.limit: expected an integer >= 1, got 0',
    );
  });

  it('names a missing file in the error', async () => {
    await expect(runReplay({ file: join(dir, 'nope.jsonl'), createPlugin: passive })).rejects.toMatchObject({
      code: 'CURVE_FILE_ERROR',
    });
  });
});

describe('nameConfigs', () => {
  it('labels plain options by preset or rule kind and keeps repeated labels apart', () => {
    expect(
      nameConfigs([
        { preset: 'reference' },
        { rule: { kind: 'truncation', fraction: 0.1 } },
        { rule: { kind: 'truncation', fraction: 0.2 } },
        {},
        { model: 'pow3' },
        { name: 'named', options: { model: 'pow3' } },
      ]).map((c) => c.name),
    ).toEqual(['reference', 'truncation', 'truncation #2', 'default', 'config 5', 'named']);
  });

  it('rejects a configuration that is not an object', () => {
    expect(() => nameConfigs(['fast' as unknown as object as Record<string, unknown>])).toThrow(
      'replay.configs[0]: expected a predictor options object, got "fast"',
    );
  });
});
