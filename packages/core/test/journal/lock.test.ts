import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine, Journal, readCurveFile, readJournal, replayTrainer, tabularSpace } from '../../src/index.js';
import { hillClimber } from '../fixtures.js';
import { NB201 } from '../paths.js';
import { resumableRun } from './resumable-run.js';

const script = fileURLToPath(new URL('./resumable-run.ts', import.meta.url));

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'penguin-lock-'));
}

function endedTrials(dir: string): number {
  try {
    return readFileSync(join(dir, 'events.jsonl'), 'utf8').split('"type":"trial-ended"').length - 1;
  } catch {
    return 0;
  }
}

describe('the run lock (#13.4)', () => {
  it('refuses to resume a run that is still going, then takes over once its process is killed', async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, dir, '20'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 20_000;
    while (endedTrials(dir) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const lock = JSON.parse(readFileSync(join(dir, 'lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: child.pid, host: hostname() });

    await expect(resumableRun(dir, { resume: true })).rejects.toThrow(
      new RegExp(`being written by process ${child.pid} on ${hostname()}`),
    );
    child.kill('SIGKILL');
    await exited;
    // The refused resume wrote nothing: one run-started, no run-ended.
    const events = readJournal(dir).events;
    expect(events.filter((e) => e.type === 'run-started').length).toBe(1);
    expect(events.filter((e) => e.type === 'run-ended').length).toBe(0);

    const summary = await resumableRun(dir, { resume: true }); // the killed run's lock is stale now
    expect(summary.trials.length).toBe(14);
    expect(readJournal(dir).events.filter((e) => e.type === 'run-ended').length).toBe(1);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  }, 60_000);

  it('refuses a second journal on the same directory in the same process until the first is closed', () => {
    const dir = freshDir();
    const first = Journal.open(dir);
    expect(() => Journal.open(dir)).toThrow(/this run is being written by process \d+/);
    first.close();
    const second = Journal.open(dir);
    second.close();
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });

  it('takes over a lock whose process is gone, but not one held on another host', () => {
    const dir = freshDir();
    const since = '2026-01-01T00:00:00.000Z';
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since }));
    Journal.open(dir).close();
    writeFileSync(join(dir, 'lock'), '{"pid":'); // a writer killed while creating it
    Journal.open(dir).close();
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: 1, host: 'elsewhere.example', since }));
    expect(() => Journal.open(dir)).toThrow(
      /lock: this run is being written by process 1 on elsewhere\.example \(since 2026-01-01T00:00:00\.000Z\).*delete the lock file/,
    );
  });

  it('releases the lock of a run that fails to start, so the directory can be resumed', async () => {
    const dir = freshDir();
    const space = tabularSpace((await readCurveFile(NB201)).slice(0, 10));
    const engine = new Engine({
      space,
      searcher: hillClimber(),
      trainer: replayTrainer(space, { metrics: ['val_acc'] }),
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 5,
      budget: { trials: 2 },
      dir,
      plugins: [
        (host) =>
          host.hooks.beforeRun.tap('refuses', () => {
            throw new Error('not today');
          }),
      ],
    });
    await expect(engine.run()).rejects.toThrow(/\[refuses\] beforeRun failed: not today/);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    expect(readJournal(dir).events.some((e) => e.type === 'error' && /not today/.test(e.message))).toBe(true);
  });
});
