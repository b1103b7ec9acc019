import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Engine,
  type EngineOptions,
  type Executor,
  inProcessExecutor,
  readCurveFile,
  readJournal,
  replayTrainer,
  type TrialJob,
  tabularSpace,
} from '../../src/index.js';
import { NB201 } from '../paths.js';
import { randomSearcherForTests } from '../random-for-tests.js';

async function options(extra: Partial<EngineOptions> = {}): Promise<EngineOptions> {
  const space = tabularSpace((await readCurveFile(NB201)).slice(0, 20));
  return {
    space,
    searcher: randomSearcherForTests(),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 10,
    budget: { trials: 3 },
    dir: mkdtempSync(join(tmpdir(), 'penguin-executor-')),
    ...extra,
  };
}

describe('the engine and its executor', () => {
  it('sends plain-JSON jobs to the executor, journals its notices, and closes it once at the end', async () => {
    const base = await options();
    const inner = inProcessExecutor(base.trainer as NonNullable<EngineOptions['trainer']>);
    const jobs: TrialJob[] = [];
    let closed = 0;
    const executor: Executor = {
      name: 'recording',
      concurrency: 2,
      execute(job, report, signal, context) {
        jobs.push(JSON.parse(JSON.stringify(job)));
        context?.notice({ type: 'accepted', attempt: job.attempt });
        return inner.execute(job, report, signal);
      },
      close: async () => {
        closed++;
      },
    };
    const engine = new Engine({ ...base, trainer: undefined, executor });
    const summary = await engine.run();
    expect(summary.trials.map((t) => t.status)).toEqual(['completed', 'completed', 'completed']);
    expect(jobs.map((j) => [j.protocol, j.runId, j.trialId, j.attempt, j.maxEpochs])).toEqual([
      [1, 'run-0', 't0', 1, 10],
      [1, 'run-0', 't1', 1, 10],
      [1, 'run-0', 't2', 1, 10],
    ]);
    expect(jobs[0]?.seed).toBe(summary.trials[0]?.seed);
    expect(closed).toBe(1);
    const notices = readJournal(engine.dir as string).events.filter((e) => e.type === 'executor');
    expect(notices[0]).toMatchObject({
      executor: 'recording',
      trialId: 't0',
      event: { type: 'accepted', attempt: 1 },
    });
  });

  it('fails the run once when prepare() rejects: journalled, run-ended failed, thrown, no trial started', async () => {
    const base = await options();
    let trained = 0;
    const trainer = base.trainer as NonNullable<EngineOptions['trainer']>;
    const engine = new Engine({
      ...base,
      trainer: {
        ...trainer,
        name: 'needs-data',
        prepare: async () => {
          throw new Error('dataset fashion-mnist not found in /nowhere');
        },
        train: (...args) => {
          trained++;
          return trainer.train(...args);
        },
      },
    });
    await expect(engine.run()).rejects.toThrow(
      '[trainer needs-data] prepare: dataset fashion-mnist not found in /nowhere',
    );
    expect(trained).toBe(0);
    const events = readJournal(engine.dir as string).events;
    expect(events.filter((e) => e.type === 'trial-started')).toEqual([]);
    expect(events.filter((e) => e.type === 'error')).toHaveLength(1);
    expect(events[events.length - 1]).toMatchObject({ type: 'run-ended', reason: 'failed', trials: 0 });
  });

  it('close() on an engine that never ran fires no hook and writes nothing', async () => {
    const base = await options();
    const fired: string[] = [];
    const engine = new Engine({
      ...base,
      plugins: [
        (host) => {
          host.hooks.beforeRun.tapPromise('watch', async () => void fired.push('beforeRun'));
          host.hooks.afterRun.tapPromise('watch', async () => void fired.push('afterRun'));
        },
      ],
    });
    const summary = await engine.close();
    expect(fired).toEqual([]);
    expect(summary.trials).toEqual([]);
    expect(() => readJournal(engine.dir as string)).toThrow(/cannot read events\.jsonl/);
  });
});
