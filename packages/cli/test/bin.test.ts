import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { endedTrials, journalLines } from './helpers/journal.js';
import { bin, buildCli, penguin, root } from './helpers/penguin-bin.js';
import { NB201, tempDir } from './helpers/temp-dir.js';

const config = {
  space: { name: 'tabular', file: NB201 },
  searcher: 'random',
  trainer: 'replay',
  maxEpochs: 30,
  budget: { trials: 5 },
  seed: 4,
};

beforeAll(buildCli, 120_000);

describe('penguin (built binary)', () => {
  it('has a shebang and prints its version and commands', async () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const version = await penguin(['--version'], root);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version,
    );
    const help = await penguin(['--help'], root);
    expect(help.code).toBe(0);
    for (const command of ['run', 'resume', 'replay', 'report']) expect(help.stdout).toContain(command);
  });

  it('runs a search and prints the JSON summary only', async () => {
    const cwd = tempDir({ '.penguinrc.json': JSON.stringify(config) });
    const result = await penguin(['run', '--out', 'r', '--json'], cwd);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      runId: 'run-4',
      reason: 'budget',
      dir: 'r',
      trials: { total: 5, failed: 0 },
    });
    expect(endedTrials(join(cwd, 'r'))).toHaveLength(5);
  });

  it('bad config: one clear error per problem, exit code 2, nothing written', async () => {
    const cwd = tempDir({ '.penguinrc.json': JSON.stringify({ ...config, budgt: 1, maxEpochs: 'x' }) });
    const result = await penguin(['run', '--out', 'r'], cwd);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'penguin: 2 problems:\n' +
        '.penguinrc.json: maxEpochs: expected a number, got "x"\n' +
        ".penguinrc.json: budgt: unknown key; did you mean 'budget'?\n",
    );
  });

  it('a curve file with malformed lines: the config key, the file and the line', async () => {
    const cwd = tempDir({
      'curves.jsonl': `${JSON.stringify({ id: 'a', epochs: [1, 2], val_acc: [1, 2], genome: { op: 'x' } })}\n{"id": "b", "epochs": [1, 2\n`,
      '.penguinrc.json': JSON.stringify({ ...config, space: { name: 'tabular', file: 'curves.jsonl' } }),
    });
    const result = await penguin(['run', '--out', 'r'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^penguin: \.penguinrc\.json: space \(tabular\): .*curves\.jsonl:2: expected a JSON object, got invalid JSON/,
    );
  });

  it('bad arguments are usage errors', async () => {
    const result = await penguin(['run', '--seed', 'abc'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected an integer, got "abc"');
  });

  it('an output directory that cannot be created is one error, exit code 1', async () => {
    const cwd = tempDir({ '.penguinrc.json': JSON.stringify(config), file: 'x' });
    const result = await penguin(['run', '--out', 'file/sub'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `penguin: --out file/sub: expected a writable directory, but cannot create ${join(cwd, 'file/sub')} (${join(cwd, 'file')} is a file)\n`,
    );
  });

  it('SIGINT stops cleanly with a complete journal; resume finishes without retraining', async () => {
    // A slow trainer (10 ms an epoch) keeps the run going long enough to interrupt it mid-trial.
    const cwd = tempDir({
      'penguin.config.mjs': `export default { ...${JSON.stringify({ ...config, budget: { trials: 6 } })},
        trainer: { name: 'slow', async train(trial, report) {
          for (let epoch = 1; epoch <= trial.maxEpochs; epoch++) {
            if (trial.signal.aborted) return { epochs: epoch - 1 };
            await new Promise((r) => setTimeout(r, 10));
            if ((await report({ epoch, val_acc: 50 + epoch / 2 })) === 'stop') return { epochs: epoch };
          }
          return { epochs: trial.maxEpochs };
        } } };`,
    });
    let sent = false;
    const first = await penguin(['run', '--out', 'r'], cwd, (stdout, child) => {
      if (!sent && stdout.includes('[2/6]')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('Stopped. The journal is complete; continue with: penguin resume r');
    const dir = join(cwd, 'r');
    const before = endedTrials(dir);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBeLessThan(6);
    expect(journalLines(dir).at(-1)).toMatchObject({ type: 'run-ended', reason: 'cancelled' });

    const second = await penguin(['resume', 'r', '--json'], cwd);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).trials.total).toBe(6);
    const after = endedTrials(dir);
    expect(after).toHaveLength(6);
    expect(after.slice(0, before.length)).toEqual(before);
  });
});
