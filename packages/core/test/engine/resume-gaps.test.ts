import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_FILE,
  Engine,
  type EngineOptions,
  inProcessExecutor,
  parseJson,
  readCurveFile,
  readJournal,
  replayTrainer,
  tabularSpace,
} from '../../src/index.js';
import { hillClimber } from '../fixtures.js';
import { NB201 } from '../paths.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'penguin-gaps-'));

async function options(extra: Partial<EngineOptions> = {}): Promise<EngineOptions> {
  const space = tabularSpace((await readCurveFile(NB201)).slice(0, 30));
  return {
    space,
    searcher: hillClimber(),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 12,
    budget: { trials: 5 },
    seed: 4,
    ...extra,
  };
}

const outcome = (trials: readonly { id: string; genome: unknown; status: string }[]) =>
  trials.map((t) => ({ id: t.id, genome: t.genome, status: t.status }));

const waitFor = async (check: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
};

describe('resume after a crash at an awkward moment', () => {
  it('never loses a trial killed between the checkpoint that counts it and its trial-started (#13.2)', async () => {
    const reference = await new Engine(await options()).run();
    const base = await options();
    const inner = inProcessExecutor(base.trainer as NonNullable<EngineOptions['trainer']>);
    let asked = 0;
    // The third trial's static objectives never arrive: the process is "killed" there, with a copy of its directory.
    const hanging = new Engine({
      ...base,
      dir: tmp(),
      executor: {
        ...inner,
        staticObjectives: () => (++asked === 3 ? new Promise(() => {}) : {}),
      },
    });
    void hanging.run();
    await waitFor(() => asked === 3);
    const dir = tmp();
    cpSync(hanging.dir as string, dir, { recursive: true });
    const checkpoint = parseJson(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8')) as { nextIndex: number };
    const started = new Set(
      readJournal(dir)
        .events.filter((e) => e.type === 'trial-started')
        .map((e) => (e as { index: number }).index),
    );
    for (let i = 0; i < checkpoint.nextIndex; i++)
      expect(started.has(i), `trial-started of t${i}`).toBe(true);
    const resumed = await new Engine({ ...(await options()), dir, resume: true }).run();
    expect(outcome(resumed.trials)).toEqual(outcome(reference.trials));
  });

  it('rebuilds a run whose checkpoint.json is missing from the journal, training no finished trial again (#13.3)', async () => {
    const dir = tmp();
    let first: Engine | undefined;
    first = new Engine({
      ...(await options({ dir })),
      plugins: [
        (host) =>
          host.hooks.onTrialEnd.tapPromise('cancel-after-3', async (trial) => {
            if (trial.id === 't2') first?.cancel();
          }),
      ],
    });
    await first.run();
    const finished = readJournal(dir)
      .events.filter((e) => e.type === 'trial-ended')
      .map((e) => (e as { trialId: string }).trialId);
    expect(finished).toEqual(['t0', 't1', 't2']);
    rmSync(join(dir, CHECKPOINT_FILE));
    const resumed = await new Engine({ ...(await options()), dir, resume: true }).run();
    expect(resumed.trials.map((t) => t.status)).toEqual(Array(5).fill('completed'));
    const events = readJournal(dir).events;
    const resumeAt = events.findIndex((e) => e.type === 'run-started' && e.resumed);
    const retrained = events
      .slice(resumeAt)
      .filter((e) => e.type === 'epoch' && finished.includes(e.trialId));
    expect(retrained).toEqual([]);
    expect(events.slice(resumeAt).find((e) => e.type === 'error')).toMatchObject({
      message: expect.stringContaining('checkpoint.json is missing: rebuilt from 3 finished trials'),
    });
  });
});

describe('time limits (#13.8)', () => {
  it('fails a trial that never settles after timeLimits.trialSeconds, naming the limit, and goes on', async () => {
    const base = await options({ budget: { trials: 2 }, timeLimits: { trialSeconds: 0.2 } });
    const inner = inProcessExecutor(base.trainer as NonNullable<EngineOptions['trainer']>);
    const summary = await new Engine({
      ...base,
      executor: {
        ...inner,
        execute: (job, report, signal) =>
          job.trialId === 't0' ? new Promise(() => {}) : inner.execute(job, report, signal),
      },
    }).run();
    expect(summary.trials.map((t) => t.status)).toEqual(['failed', 'completed']);
    expect(summary.trials[0]?.error).toContain('trial t0: no result after 0.2 s (timeLimits.trialSeconds)');
  });

  it('fails the run when searcher.ask never answers, naming the searcher and the limit', async () => {
    const dir = tmp();
    const engine = new Engine({
      ...(await options({ dir, timeLimits: { searcherSeconds: 0.2 } })),
      searcher: { name: 'stuck', ask: () => new Promise(() => {}), tell: () => {} },
    });
    await expect(engine.run()).rejects.toThrow(
      '[searcher stuck] ask(1): no answer after 0.2 s (timeLimits.searcherSeconds)',
    );
    const events = readJournal(dir).events;
    expect(events[events.length - 1]).toMatchObject({ type: 'run-ended', reason: 'failed' });
  });

  it('ends a cancelled run within timeLimits.cancelSeconds even when a trial never settles, journal complete', async () => {
    const dir = tmp();
    const base = await options({ dir, timeLimits: { cancelSeconds: 0.3 } });
    const engine = new Engine({
      ...base,
      executor: { name: 'deaf', concurrency: 1, execute: () => new Promise(() => {}) },
    });
    const running = engine.run();
    await waitFor(() => engine.trialSnapshots.length === 1);
    const cancelledAt = Date.now();
    engine.cancel();
    const summary = await running;
    expect(Date.now() - cancelledAt).toBeLessThan(3000);
    expect(summary.reason).toBe('cancelled');
    expect(summary.trials.map((t) => t.status)).toEqual(['pending']);
    const events = readJournal(dir).events;
    expect(events[events.length - 1]).toMatchObject({ type: 'run-ended', reason: 'cancelled' });
  });
});
