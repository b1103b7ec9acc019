import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/commands/report.js';
import { runCommand } from '../../src/commands/run.js';
import { memoryIO } from '../helpers/memory-io.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';
import { testLoader } from '../helpers/test-packages.js';

describe('penguin report', () => {
  it('writes a self-contained HTML report of a run and says where', async () => {
    const cwd = tempDir({
      '.penguinrc.json': JSON.stringify({
        space: { name: 'test-tabular', file: NB201, limit: 20 },
        searcher: 'random',
        trainer: 'test-replay',
        maxEpochs: 30,
        budget: { trials: 4 },
      }),
    });
    expect(await runCommand({ out: 'r', json: true, loader: testLoader() }, memoryIO(cwd))).toBe(0);
    const io = memoryIO(cwd);
    expect(await reportCommand('r', {}, io)).toBe(0);
    expect(io.out()).toBe('Report: r/report.html\n');
    const html = readFileSync(join(cwd, 'r/report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script[^>]+src=/);

    const custom = memoryIO(cwd);
    expect(await reportCommand('r', { out: 'elsewhere.html' }, custom)).toBe(0);
    expect(existsSync(join(cwd, 'elsewhere.html'))).toBe(true);
  }, 60_000);

  it('penguin run --report writes the report when the run ends', async () => {
    const cwd = tempDir({
      '.penguinrc.json': JSON.stringify({
        space: { name: 'test-tabular', file: NB201, limit: 10 },
        searcher: 'random',
        trainer: 'test-replay',
        maxEpochs: 20,
        budget: { trials: 3 },
      }),
    });
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r', report: true, loader: testLoader() }, io)).toBe(0);
    expect(io.out()).toContain('Report: r/report.html\n');
    expect(readFileSync(join(cwd, 'r/report.html'), 'utf8')).toContain('<svg');
  }, 60_000);

  it('a directory that is not a run fails with the report package error', async () => {
    const cwd = tempDir({ 'empty/.keep': '' });
    await expect(reportCommand('empty', {}, memoryIO(cwd))).rejects.toThrow(
      `${join(cwd, 'empty')}: no events.jsonl; expected a run directory`,
    );
  });
});
