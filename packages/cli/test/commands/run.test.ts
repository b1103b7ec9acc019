import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PenguinError } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { resumeCommand } from '../../src/commands/resume.js';
import { runCommand } from '../../src/commands/run.js';
import { endedTrials, journalLines } from '../helpers/journal.js';
import { memoryIO } from '../helpers/memory-io.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';
import { testLoader } from '../helpers/test-packages.js';

const config = {
  space: { name: 'test-tabular', file: NB201, limit: 30 },
  searcher: 'random',
  trainer: 'test-replay',
  maxEpochs: 40,
  budget: { trials: 6 },
  seed: 5,
};
const GENOME = JSON.parse(readFileSync(NB201, 'utf8').split('\n')[0] as string).genome;

function project(files: Record<string, unknown> = { '.penguinrc.json': config }): string {
  return tempDir(
    Object.fromEntries(
      Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ),
  );
}

async function failure(promise: Promise<unknown>): Promise<PenguinError> {
  try {
    await promise;
  } catch (error) {
    return error as PenguinError;
  }
  throw new Error('expected the command to fail');
}

describe('penguin run', () => {
  it('runs the search, journals it and prints plain progress lines and a summary', async () => {
    const cwd = project();
    const io = memoryIO(cwd);
    const code = await runCommand({ out: 'runs/a', loader: testLoader() }, io);
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toContain(
      'penguin: random search over test-tabular (test-replay trainer), seed 5, journal in runs/a',
    );
    expect(out).toMatch(/\[1\/6\] t0 completed 40 epochs: val_acc \d+\.\d\d · epochs 40/);
    expect(out).toContain('[6/6] t5 completed');
    expect(out).toContain('Run run-5 ended (budget spent)');
    expect(out).toContain('Epochs trained: 240 of 240');
    expect(out).not.toContain('\x1b[');
    const lines = journalLines(join(cwd, 'runs/a'));
    expect(lines.at(-1)?.type).toBe('run-ended');
    expect(endedTrials(join(cwd, 'runs/a'))).toHaveLength(6);
    const snapshot = JSON.parse(readFileSync(join(cwd, 'runs/a/config.json'), 'utf8'));
    expect(snapshot.penguin).toMatchObject({
      version: 1,
      configDir: cwd,
      needsConfigFile: false,
      seed: 5,
      config,
    });
  });

  it('prints the predictor audit when trials were trained fully on purpose', async () => {
    // Truncation at half the epochs stops every trial at epoch 10 but the ones trained fully (every 2nd: t0, t2,
    // t4), audited from t2 on.
    const audited = {
      space: { name: 'tabular', file: NB201 },
      searcher: 'random',
      trainer: 'replay',
      maxEpochs: 20,
      budget: { trials: 6 },
      seed: 1,
      predictor: { rule: { kind: 'truncation', fraction: 0.5 }, fullTraining: { every: 2 } },
    };
    const cwd = project({ '.penguinrc.json': audited });
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r' }, io)).toBe(0);
    expect(io.out()).toContain(
      'Predictor audit: 2 audited trials (trained fully on purpose); the rule would have stopped 2',
    );
    expect(io.out()).toMatch(
      /Predictor audit: better half \(1 trial\): would have spared 0, 0% \(95% interval 0%–79%\)/,
    );
    const json = memoryIO(cwd);
    expect(await runCommand({ out: 'j', json: true }, json)).toBe(0);
    expect(JSON.parse(json.out()).audit).toMatchObject({ trials: 2, stopped: 2 });
  });

  it('--json prints the machine-readable summary only', async () => {
    const cwd = project();
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r', json: true, seed: 8, loader: testLoader() }, io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(json).toMatchObject({
      runId: 'run-8',
      reason: 'budget',
      trials: { total: 6, completed: 6, failed: 0 },
    });
    expect(json.epochs).toBe(240);
    expect(json.trialList).toHaveLength(6);
    expect(json.best.fitness.val_acc.source).toBe('measured');
  });

  it('redraws a live block on a terminal', async () => {
    const cwd = project();
    const io = memoryIO(cwd, { tty: true });
    expect(await runCommand({ out: 'r', loader: testLoader() }, io)).toBe(0);
    expect(io.out()).toContain('\x1b[0J');
    expect(io.out()).toMatch(/trials 6\/6 · epochs 240/);
  });

  it('writes the run into out from the config, relative to the config file', async () => {
    const cwd = project({ 'conf/.penguinrc.json': { ...config, out: '../results/x' } });
    expect(
      await runCommand({ config: 'conf/.penguinrc.json', json: true, loader: testLoader() }, memoryIO(cwd)),
    ).toBe(0);
    expect(endedTrials(join(cwd, 'results/x'))).toHaveLength(6);
  });

  it('refuses a directory that already holds a run, leaving its journal untouched', async () => {
    const cwd = project();
    await runCommand({ out: 'r', json: true, loader: testLoader() }, memoryIO(cwd));
    const before = readFileSync(join(cwd, 'r/events.jsonl'));
    const error = await failure(runCommand({ out: 'r', loader: testLoader() }, memoryIO(cwd)));
    expect(error.code).toBe('JOURNAL_ERROR');
    expect(error.message).toBe(
      `--out r: expected a new run directory, found a run journal in ${join(cwd, 'r')}; resume it with \`penguin resume ${join(cwd, 'r')}\` or choose another directory`,
    );
    expect(readFileSync(join(cwd, 'r/events.jsonl')).equals(before)).toBe(true);
  });

  it('an output directory under a regular file is not writable', async () => {
    const cwd = project({ '.penguinrc.json': config, blocker: 'a file' });
    const error = await failure(runCommand({ out: 'blocker/sub', loader: testLoader() }, memoryIO(cwd)));
    expect(error.code).toBe('JOURNAL_ERROR');
    expect(error.message).toBe(
      `--out blocker/sub: expected a writable directory, but cannot create ${join(cwd, 'blocker/sub')} (${join(cwd, 'blocker')} is a file)`,
    );
  });

  it('a searcher that throws ends the run with its error; finished trials stay in the journal', async () => {
    const cwd = project({
      'penguin.config.mjs': `let asked = 0;
        export default { ...${JSON.stringify(config)},
          searcher: () => ({ name: 'flaky', ask() { if (asked++ === 2) throw new Error('out of ideas'); return [${JSON.stringify(GENOME)}]; }, tell() {} }) };`,
    });
    const error = await failure(runCommand({ out: 'r', loader: testLoader() }, memoryIO(cwd)));
    expect(error.code).toBe('SEARCHER_ERROR');
    expect(error.message).toBe('[searcher flaky] ask(1): out of ideas');
    const lines = journalLines(join(cwd, 'r'));
    expect(endedTrials(join(cwd, 'r'))).toEqual(['t0', 't1']);
    expect(lines.some((e) => e.type === 'error' && e.code === 'SEARCHER_ERROR')).toBe(true);
    expect(lines.at(-1)?.type).toBe('run-ended');
  });

  it('a searcher that returns nothing is named with what was expected', async () => {
    const cwd = project({
      'penguin.config.mjs': `export default { ...${JSON.stringify(config)}, searcher: () => ({ name: 'silent', ask() {}, tell() {} }) };`,
    });
    const error = await failure(runCommand({ out: 'r', loader: testLoader() }, memoryIO(cwd)));
    expect(error.message).toBe(
      '[searcher silent] ask(1): expected an array of genomes (empty when exhausted), got undefined',
    );
  });

  it('a trainer that rejects fails its trials; the run reports each reason and exits 1', async () => {
    const cwd = project({
      'penguin.config.mjs': `export default { ...${JSON.stringify({ ...config, budget: { trials: 2 } })},
        trainer: { name: 'flaky', async train() { throw new Error('GPU fell off the bus'); } } };`,
    });
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r', loader: testLoader() }, io)).toBe(1);
    expect(io.out()).toContain('[1/2] t0 failed after 0 epochs: [trainer flaky] GPU fell off the bus');
    expect(io.out()).toContain('Failed: t1: [trainer flaky] GPU fell off the bus');
    expect(io.err()).toBe('penguin: every trial failed; first error: [trainer flaky] GPU fell off the bus\n');
    expect(endedTrials(join(cwd, 'r'))).toEqual(['t0', 't1']);
  });
});

describe('Ctrl-C and penguin resume', () => {
  it('stops cleanly, says how to resume, and resume finishes the run without retraining finished trials', async () => {
    const cwd = project({ '.penguinrc.json': { ...config, budget: { trials: 8 } } });
    const io = memoryIO(cwd, {
      onStdout: (text, self) => {
        if (text.startsWith('[3/8]')) self.interrupt();
      },
    });
    expect(await runCommand({ out: 'r', loader: testLoader() }, io)).toBe(130);
    expect(io.err()).toContain('Stopping: waiting for running trials to end cleanly');
    expect(io.err()).toContain('Stopped. The journal is complete; continue with: penguin resume r');
    const dir = join(cwd, 'r');
    const firstPart = endedTrials(dir);
    expect(firstPart.length).toBeGreaterThanOrEqual(3);
    expect(firstPart.length).toBeLessThan(8);
    expect(journalLines(dir).at(-1)).toMatchObject({ type: 'run-ended', reason: 'cancelled' });

    const resumed = memoryIO(cwd);
    expect(await resumeCommand('r', { json: true, loader: testLoader() }, resumed)).toBe(0);
    const summary = JSON.parse(resumed.out());
    expect(summary.trials.total).toBe(8);
    const ended = endedTrials(dir);
    expect(ended).toHaveLength(8);
    expect(new Set(ended).size).toBe(8);
    expect(ended.slice(0, firstPart.length)).toEqual(firstPart);
  });

  it('resume of a run whose config passed objects needs the config file again', async () => {
    const cwd = project({
      'penguin.config.mjs': `export default { ...${JSON.stringify(config)}, trainer: { name: 'gone', async train() { return { epochs: 0 }; } } };`,
    });
    await runCommand({ out: 'r', json: true, loader: testLoader() }, memoryIO(cwd));
    rmSync(join(cwd, 'penguin.config.mjs'));
    const error = await failure(resumeCommand('r', {}, memoryIO(cwd)));
    expect(error.code).toBe('JOURNAL_ERROR');
    expect(error.message).toBe(
      `r/config.json: the run's config passed objects (a searcher, trainer or plugin), so resume loads it again from ${join(cwd, 'penguin.config.mjs')}, but that file is gone; put it back to resume`,
    );
  });

  it('resume of a directory that is not a run says what it expected', async () => {
    const cwd = project({ 'empty/.keep': '' });
    const error = await failure(resumeCommand('empty', {}, memoryIO(cwd)));
    expect(error.code).toBe('JOURNAL_ERROR');
    expect(error.message).toBe(
      `${join(cwd, 'empty')}: expected a run directory written by \`penguin run\` (with config.json), found no config.json`,
    );
  });

  it('resume reports a config snapshot that is not from penguin run', async () => {
    const cwd = project({ 'r/config.json': { seed: 1 } });
    writeFileSync(join(cwd, 'r/events.jsonl'), '');
    const error = await failure(resumeCommand('r', {}, memoryIO(cwd)));
    expect(error.message).toContain('config.json: expected the config snapshot of `penguin run`');
  });
});

describe('default run directory', () => {
  it('is runs/<date-time> beside the config, never reusing one', async () => {
    const cwd = project();
    expect(await runCommand({ json: true, loader: testLoader() }, memoryIO(cwd))).toBe(0);
    expect(await runCommand({ json: true, loader: testLoader() }, memoryIO(cwd))).toBe(0);
    const dirs = readdirSync(join(cwd, 'runs'));
    expect(dirs).toHaveLength(2);
    for (const dir of dirs) expect(dir).toMatch(/^\d{8}-\d{6}(-\d+)?$/);
  });
});
