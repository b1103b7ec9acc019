import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type RunSummary, readJournal } from '../../src/index.js';
import { resumableRun } from './resumable-run.js';

const script = fileURLToPath(new URL('./resumable-run.ts', import.meta.url));

/** What must be equal between an uninterrupted and a resumed run (seconds differ, of course). */
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

/** True once `ended` trials have finished and the current one has trained a few epochs: the moment to kill. */
function midTrial(dir: string, ended: number): boolean {
  let lines: string[];
  try {
    lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n');
  } catch {
    return false;
  }
  const endedIds = new Set<string>();
  const epochs = new Map<string, number>();
  for (const line of lines) {
    const id = /"trialId":"(t\d+)"/.exec(line)?.[1];
    if (!id) continue;
    if (line.includes('"type":"trial-ended"')) endedIds.add(id);
    if (line.includes('"type":"epoch"')) epochs.set(id, (epochs.get(id) ?? 0) + 1);
  }
  if (endedIds.size < ended) return false;
  return [...epochs.entries()].some(([id, n]) => !endedIds.has(id) && n >= 3);
}

describe('journal and resume', () => {
  it('resumes a run killed with SIGKILL mid-trial: nothing finished is lost or trained again, results equal an uninterrupted run', async () => {
    const reference = outcome(await resumableRun(undefined));
    const dir = mkdtempSync(join(tmpdir(), 'penguin-resume-'));
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, dir, '15'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Kill once a few trials have finished and the next one is part-way through its epochs.
    const deadline = Date.now() + 20_000;
    while (!midTrial(dir, 5) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    expect(await exited, stderr).toBe('SIGKILL');

    const before = readJournal(dir).events;
    const finishedBefore = before
      .filter((e) => e.type === 'trial-ended')
      .map((e) => (e as { trialId: string }).trialId);
    expect(finishedBefore.length).toBeGreaterThanOrEqual(5);
    expect(finishedBefore.length).toBeLessThan(14);
    // The kill landed mid-trial: some epochs of an unfinished trial are in the journal.
    const partial = before.filter((e) => e.type === 'epoch' && !finishedBefore.includes(e.trialId));
    expect(partial.length).toBeGreaterThan(0);
    const lastEvent = before[before.length - 1];
    expect(lastEvent?.type).not.toBe('run-ended');

    const resumed = await resumableRun(dir, { resume: true });
    expect(outcome(resumed)).toEqual(reference);

    // No finished trial was trained again: after the resume marker, no epoch of an already finished trial appears.
    const after = readJournal(dir).events;
    const resumeAt = after.findIndex((e) => e.type === 'run-started' && e.resumed);
    const retrained = after
      .slice(resumeAt)
      .filter((e) => e.type === 'epoch' && finishedBefore.includes(e.trialId));
    expect(retrained).toEqual([]);
    expect(after.filter((e) => e.type === 'trial-ended').length).toBe(14);
  }, 60_000);

  it('ignores a torn last line but refuses a damaged line in the middle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-journal-'));
    const file = join(dir, 'events.jsonl');
    writeFileSync(
      file,
      '{"type":"run-started","t":0,"runId":"r","seed":1,"resumed":false,"maxEpochs":5,"objectives":[]}\n{"type":"epoch","t":1,"trialId":"t0","logs":{"epoch":1}}\n',
    );
    appendFileSync(file, '{"type":"epoch","t":2,"tri');
    const { events, tornTail } = readJournal(dir);
    expect(events.length).toBe(2);
    expect(tornTail).toBe(true);
    writeFileSync(
      file,
      '{"type":"run-started","t":0,"runId":"r","seed":1,"resumed":false,"maxEpochs":5,"objectives":[]}\n{"type":"ep\n{"type":"epoch","t":1}\n',
    );
    expect(() => readJournal(dir)).toThrow(
      /events\.jsonl:2: expected a complete JSON object; the journal is damaged/,
    );
  });

  it('keeps non-finite fitness values through the journal', async () => {
    const { stringifyJson, parseJson } = await import('../../src/index.js');
    const value = {
      a: Number.NEGATIVE_INFINITY,
      b: [Number.POSITIVE_INFINITY, 1],
      c: Number.NaN,
      d: 'Infinity',
    };
    expect(parseJson(stringifyJson(value))).toEqual(value);
  });
});
