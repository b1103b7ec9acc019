import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type JournalEvent, type RunSummary, readJournal } from '../../src/index.js';
import { resumableRun } from './resumable-run.js';

/**
 * The crash-injection suite: the small tabular run of resumable-run.ts (14 NB201 replay trials, a hill climber
 * and a stateful stopper) runs in a child process that `PENGUIN_CRASH_AT=n` kills with SIGKILL at its n-th
 * write, truncate, fsync or rename (a write is torn in half first; see src/journal/disk.ts). Then the run is
 * resumed and the journal checked: every trial ends exactly once, no finished trial is trained again, and
 * (concurrency 1) the trials equal an uninterrupted run's.
 *
 * A run has about 350 kill points; KILL_POINTS evenly spaced ones are tried per concurrency (more with
 * PENGUIN_CRASH_POINTS=<count>, every one with PENGUIN_CRASH_POINTS=all: about 2 s a point).
 */
const KILL_POINTS = 10;
const TRIALS = 14;
const script = fileURLToPath(new URL('./resumable-run.ts', import.meta.url));
const childArgs = (dir: string, concurrency: number) => [
  '--conditions=source',
  '--import',
  'tsx',
  script,
  dir,
  '0',
  String(concurrency),
];

/**
 * Known failures, by concurrency and kill point, each naming what fixes it; these points are always tried, on top
 * of the evenly spaced ones. None are known: PENGUIN_CRASH_POINTS=37 (74 points) passes. The two kinds found by
 * this suite and fixed were ORDER (the checkpoint counting a trial was written before its trial-started event) and
 * RESTART (a resumed run whose trial budget was fully allocated ended before relaunching its unfinished trials).
 */
const EXPECTED_FAILURES: Record<number, Record<number, string>> = {
  1: {},
  4: {},
};

function countOperations(concurrency: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'penguin-crash-count-'));
  const child = spawnSync(process.execPath, childArgs(join(dir, 'run'), concurrency), {
    env: { ...process.env, PENGUIN_CRASH_COUNT: '1' },
    encoding: 'utf8',
  });
  const n = Number(/PENGUIN_CRASH_COUNT=(\d+)/.exec(child.stderr)?.[1]);
  if (!(n > 0)) throw new Error(`could not count the run's operations: ${child.stderr}`);
  return n;
}

/** Evenly spaced kill points from the first to the last; PENGUIN_CRASH_POINTS=<count> or `all` tries more. */
function killPoints(total: number): number[] {
  const wanted = process.env.PENGUIN_CRASH_POINTS;
  const count = wanted === 'all' ? total : Math.min(total, Number(wanted) || KILL_POINTS);
  const spaced = Array.from(
    { length: count },
    (_, i) => 1 + Math.round((i * (total - 1)) / Math.max(1, count - 1)),
  );
  return [...new Set(spaced)];
}
function outcome(summary: RunSummary) {
  return summary.trials.map((t) => ({
    id: t.id,
    genome: t.genome,
    status: t.status,
    epochs: t.cost.epochs,
    fitness: t.fitness,
    decision: t.decision,
  }));
}

function runKilledAt(dir: string, concurrency: number, point: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, childArgs(dir, concurrency), {
    env: { ...process.env, PENGUIN_CRASH_AT: String(point) },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
}

const endedIds = (events: JournalEvent[]) =>
  events.flatMap((e) => (e.type === 'trial-ended' ? [e.trialId] : []));

for (const concurrency of [1, 4]) {
  const total = countOperations(concurrency);
  const known = Object.keys(EXPECTED_FAILURES[concurrency] ?? {}).map(Number);
  const points = [...new Set([...killPoints(total), ...known])].sort((a, b) => a - b);
  describe(`a run killed at a write, truncate, fsync or rename (concurrency ${concurrency}, ${points.length} of ${total} kill points)`, () => {
    let reference: ReturnType<typeof outcome> | undefined;
    const expected = async () => {
      reference ??= outcome(await resumableRun(undefined, { concurrency }));
      return reference;
    };
    for (const point of points) {
      const failure = EXPECTED_FAILURES[concurrency]?.[point];
      const test = failure ? it.fails : it;
      test(`kill point ${point}${failure ? ` (expected to fail until ${failure})` : ''}: resumes with nothing lost, duplicated or trained twice`, async () => {
        const dir = join(mkdtempSync(join(tmpdir(), 'penguin-crash-')), 'run');
        expect(await runKilledAt(dir, concurrency, point)).toBe('SIGKILL');
        const before = existsSync(join(dir, 'events.jsonl')) ? readJournal(dir).events : [];
        if (!before.some((e) => e.type === 'run-started')) {
          // Killed before the run was journalled: there is nothing to resume, and resume says so.
          await expect(resumableRun(dir, { resume: true, concurrency })).rejects.toThrow(
            /JOURNAL|run-started|events\.jsonl/i,
          );
          return;
        }
        const finishedBefore = endedIds(before);
        const resumed = await resumableRun(dir, { resume: true, concurrency });

        const after = readJournal(dir);
        expect(after.tornTail).toBe(false);
        expect(after.mendedLines).toEqual([]);
        const ended = endedIds(after.events);
        expect(ended.length, `trial-ended events: ${ended.join(' ')}`).toBe(TRIALS);
        expect(new Set(ended).size).toBe(TRIALS);
        expect(resumed.trials.map((t) => t.status).filter((s) => s === 'pending' || s === 'running')).toEqual(
          [],
        );
        const resumeAt = after.events.findIndex((e) => e.type === 'run-started' && e.resumed);
        const retrained = after.events
          .slice(resumeAt)
          .filter(
            (e) => (e.type === 'epoch' || e.type === 'trial-started') && finishedBefore.includes(e.trialId),
          );
        expect(retrained).toEqual([]);
        // One run-ended for the resume (a run killed after its own run-ended has two: it ended, then resumed).
        expect(after.events.slice(resumeAt).filter((e) => e.type === 'run-ended').length).toBe(1);
        if (concurrency === 1) expect(outcome(resumed)).toEqual(await expected());
      }, 30_000);
    }
  });
}
