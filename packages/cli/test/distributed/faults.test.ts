/**
 * The faults a distributed run must survive (docs/distributed.md), each with a real redis-server, `penguin agent`s
 * and the coordinator as child processes, and short lock, stall, lease and decision intervals.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endedTrials, type JournalLine, journalLines } from '../helpers/journal.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';
import { agent, buildCli, type Proc, penguin, redisServer, stopAll, waitFor } from './cluster.js';

const MAX_EPOCHS = 10;

/** A run of `trials` NB201 cells replayed at 150 ms per epoch, on the queue of `redis`. */
function runDir(redis: string, trials: number, concurrency: number): string {
  const dir = tempDir();
  const config = {
    space: { name: 'tabular', file: NB201 },
    searcher: 'random',
    trainer: { name: 'replay', epochMs: 150 },
    maxEpochs: MAX_EPOCHS,
    budget: { trials },
    concurrency,
    seed: 5,
    executor: { kind: 'queue', redis, leaseMs: 1500, decisionTimeoutMs: 1500 },
  };
  writeFileSync(join(dir, '.penguinrc.json'), JSON.stringify(config));
  return dir;
}

const safeLines = (dir: string): JournalLine[] => {
  try {
    return journalLines(dir);
  } catch {
    return [];
  }
};
const epochsOf = (lines: JournalLine[], trialId: string): number[] =>
  lines
    .filter((e) => e.type === 'epoch' && e.trialId === trialId)
    .map((e) => (e.logs as { epoch: number }).epoch);
const ready = (proc: Proc) => waitFor('the agent to serve', () => proc.output().includes('serving queue'));

/** Every trial ended exactly once, completed, with the full curve 1..MAX_EPOCHS in order. */
function expectEveryTrialOnce(dir: string, trials: number): JournalLine[] {
  const lines = journalLines(dir);
  const ids = Array.from({ length: trials }, (_, i) => `t${i}`);
  expect(endedTrials(dir).sort()).toEqual(ids.sort());
  for (const ended of lines.filter((e) => e.type === 'trial-ended')) expect(ended.status).toBe('completed');
  return lines;
}

/** Redis (AOF when asked), a run directory on it and `agents` agents serving it. */
async function cluster(trials: number, concurrency: number, agents: number, appendonly = false) {
  const redis = await redisServer(tempDir(), { appendonly });
  const cwd = runDir(redis.url, trials, concurrency);
  const procs = Array.from({ length: agents }, () => agent(redis.url, cwd));
  await Promise.all(procs.map(ready));
  return { redis, cwd, dir: join(cwd, 'r'), agents: procs };
}

beforeAll(() => buildCli(), 180_000);
afterEach(() => stopAll());

describe('distributed runs survive faults', () => {
  it('1. an agent killed mid-trial: another agent re-runs it (delivery 2), nothing lost or counted twice', async () => {
    const { cwd, agents } = await cluster(3, 2, 2);
    const [a, b] = agents as [Proc, Proc];
    const run = penguin(['run', '--out', 'r', '--json'], cwd);
    const trial = await waitFor(
      'agent a to train a trial',
      () => /training trial (t\d+)/.exec(a.output())?.[1],
    );
    await waitFor('two epochs of it', () => epochsOf(safeLines(join(cwd, 'r')), trial).length >= 2);
    a.child.kill('SIGKILL');
    expect((await run.exited).code).toBe(0);
    const lines = expectEveryTrialOnce(join(cwd, 'r'), 3);
    for (const id of ['t0', 't1', 't2']) expect(epochsOf(lines, id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(b.output()).toMatch(new RegExp(`training trial ${trial} of run-5 \\(attempt 1, delivery 2\\)`));
    const redelivered = lines.find(
      (e) => e.type === 'executor' && (e.event as JournalLine).type === 'redelivered',
    );
    expect(redelivered?.event).toMatchObject({ trialId: trial, delivery: 2 });
  }, 120_000);

  it('2. the coordinator killed: penguin resume takes over the run; no trial lost or told twice', async () => {
    const { cwd } = await cluster(4, 2, 2);
    const run = penguin(['run', '--out', 'r', '--json'], cwd);
    await waitFor('a finished trial', () => safeLines(join(cwd, 'r')).some((e) => e.type === 'trial-ended'));
    run.child.kill('SIGKILL');
    await run.exited;
    const before = endedTrials(join(cwd, 'r'));
    const resume = penguin(['resume', 'r', '--json'], cwd);
    const { code } = await resume.exited;
    expect(resume.output()).not.toContain('another coordinator');
    expect(code).toBe(0);
    expectEveryTrialOnce(join(cwd, 'r'), 4);
    expect(endedTrials(join(cwd, 'r')).slice(0, before.length)).toEqual(before);
  }, 120_000);

  it('3. Redis restarted (AOF on): coordinator and agents reconnect and the run finishes', async () => {
    const { cwd, redis } = await cluster(3, 2, 2, true);
    const run = penguin(['run', '--out', 'r', '--json'], cwd);
    await waitFor(
      'three epochs',
      () => safeLines(join(cwd, 'r')).filter((e) => e.type === 'epoch').length >= 3,
    );
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redis.start();
    expect((await run.exited).code).toBe(0);
    const lines = expectEveryTrialOnce(join(cwd, 'r'), 3);
    for (const id of ['t0', 't1', 't2']) expect(epochsOf(lines, id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }, 120_000);

  it('4. an agent paused past its lock: it stops the trial it lost, which finishes on another agent', async () => {
    const { cwd, redis, agents } = await cluster(2, 1, 1);
    const a = agents[0] as Proc;
    const run = penguin(['run', '--out', 'r', '--json'], cwd);
    await waitFor('two epochs of t0', () => epochsOf(safeLines(join(cwd, 'r')), 't0').length >= 2);
    a.child.kill('SIGSTOP');
    const b = agent(redis.url, cwd);
    await waitFor('agent b to take t0 over', () =>
      b.output().includes('training trial t0 of run-5 (attempt 1, delivery 2)'),
    );
    a.child.kill('SIGCONT');
    expect((await run.exited).code).toBe(0);
    await waitFor('agent a to stop t0', () => a.output().includes('stopping trial t0 (attempt 1)'));
    expect(a.output()).not.toContain('finished trial t0');
    const lines = expectEveryTrialOnce(join(cwd, 'r'), 2);
    expect(epochsOf(lines, 't0')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }, 120_000);

  it('5. garbage and other-version jobs are refused with a message; the agent keeps serving', async () => {
    const { cwd, redis, agents } = await cluster(2, 1, 1);
    const a = agents[0] as Proc;
    const queue = new Queue('penguin', { connection: { host: '127.0.0.1', port: redis.port } });
    await queue.add('trial', { hello: 'world' });
    await queue.add('trial', { protocol: 99, kind: 'trial' });
    await queue.close();
    await waitFor('both refusals', () => a.output().match(/refusing job/g)?.length === 2);
    expect(a.output()).toContain('protocol 99, expected 1');
    const run = penguin(['run', '--out', 'r', '--json'], cwd);
    expect((await run.exited).code).toBe(0);
    expectEveryTrialOnce(join(cwd, 'r'), 2);
    expect(a.child.exitCode).toBeNull();
  }, 120_000);

  it('6. a second coordinator of the same run directory refuses and writes nothing', async () => {
    const { cwd, agents } = await cluster(50, 1, 1);
    const run = penguin(['run', '--out', 'r'], cwd);
    await waitFor('the first run to train', () => epochsOf(safeLines(join(cwd, 'r')), 't0').length >= 1);
    const second = penguin(['resume', 'r'], cwd);
    expect((await second.exited).code).not.toBe(0);
    expect(second.output()).toContain('another coordinator is running it');
    expect(journalLines(join(cwd, 'r')).filter((e) => e.type === 'run-started')).toHaveLength(1);
    // Ctrl-C: the running trial's agent is told to stop at once (within one batch), not at its next epoch.
    const a = agents[0] as Proc;
    run.child.kill('SIGINT');
    // On failure, say what the coordinator printed (it exited 1 once under a fully loaded machine).
    expect((await run.exited).code, run.output()).toBe(130);
    await waitFor('the agent to stop its trial', () =>
      a.output().includes('the coordinator stopped it (the run was cancelled)'),
    );
  }, 120_000);
});
