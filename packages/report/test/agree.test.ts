import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Engine,
  type EngineOptions,
  foldRun,
  type Genome,
  loadResumeState,
  type RunSummary,
  readCurveFile,
  readJournal,
  replayTrainer,
  runCost,
  type SearcherFactory,
  tabularSpace,
} from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { loadRun, runStatistics } from '../src/index.js';

const NB201 = fileURLToPath(
  new URL('../../../../shared/data/curves/nb201-cifar10-valid.jsonl', import.meta.url),
);

const inOrder: SearcherFactory<Genome> = ({ space }) => {
  let next = 0;
  const genomes = (space as ReturnType<typeof tabularSpace>).records.map((r) => r.genome as Genome);
  return {
    name: 'in-order',
    ask(n) {
      const out = genomes.slice(next, next + n);
      next += out.length;
      return out;
    },
    tell() {},
    state: () => next,
    restore: (s) => {
      next = s as number;
    },
  };
};

/** Two trials at once, every odd trial stopped at epoch 4, the run cancelled while t6 is at epoch 6. */
async function options(dir: string, resume: boolean, engine: () => Engine): Promise<EngineOptions> {
  const space = tabularSpace((await readCurveFile(NB201)).slice(0, 10));
  return {
    space,
    searcher: inOrder,
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 12,
    budget: { trials: 10 },
    concurrency: 2,
    dir,
    resume,
    plugins: [
      (host) => {
        host.hooks.shouldTerminate.tapPromise('odd-stopper', async (trial) =>
          trial.index % 2 === 1 && trial.curve.length === 4
            ? { reason: 'odd', by: 'odd-stopper' }
            : undefined,
        );
        host.hooks.onEpochEnd.tapPromise('cancel', async (trial, logs) => {
          if (!resume && trial.id === 't6' && logs.epoch === 6) engine().cancel();
        });
      },
    ],
  };
}

/** What every view must agree on. */
function fromSummary(summary: RunSummary) {
  const finished = summary.trials.filter((t) => t.status !== 'pending' && t.status !== 'running');
  return {
    trials: summary.trials.length,
    finished: finished.length,
    epochs: summary.cost.epochs,
    baselineEpochs: summary.cost.baselineEpochs,
    saved: summary.cost.saved,
  };
}

function fromReport(dir: string) {
  const stats = runStatistics(loadRun(dir));
  return {
    trials: stats.finished + stats.running,
    finished: stats.finished,
    epochs: stats.epochs,
    baselineEpochs: stats.baselineEpochs,
    saved: stats.saved,
  };
}

function fromFold(dir: string) {
  const trials = [...foldRun(readJournal(dir).events).trials.values()];
  const cost = runCost(trials);
  return {
    trials: trials.length,
    finished: trials.filter((t) => t.finished).length,
    epochs: cost.epochs,
    baselineEpochs: cost.baselineEpochs,
    saved: cost.saved,
  };
}

describe('the run summary, the report and resume read a run the same way', () => {
  it('agree on trials, epochs and savings after a cancel and after the resume that finishes the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-agree-'));
    let first: Engine | undefined;
    first = new Engine(await options(dir, false, () => first as Engine));
    const cancelled = await first.run();
    expect(cancelled.reason).toBe('cancelled');
    const interrupted = cancelled.trials.filter((t) => t.status === 'pending');
    expect(interrupted.length).toBeGreaterThan(0);
    expect(interrupted.every((t) => t.cost.epochs > 0)).toBe(true);
    const view = fromSummary(cancelled);
    expect(view.saved).toBeGreaterThan(0);
    expect(fromReport(dir)).toEqual(view);
    expect(fromFold(dir)).toEqual(view);
    // What `penguin resume` starts from: the finished trials of the summary, the interrupted ones to train again.
    const resumeState = loadResumeState(dir);
    expect(resumeState.finished.map((t) => t.id).sort()).toEqual(
      cancelled.trials
        .filter((t) => t.status !== 'pending')
        .map((t) => t.id)
        .sort(),
    );
    expect(resumeState.unfinished.map((t) => t.id)).toEqual(interrupted.map((t) => t.id));

    let second: Engine | undefined;
    second = new Engine(await options(dir, true, () => second as Engine));
    const resumed = await second.run();
    expect(resumed.trials.length).toBe(10);
    const after = fromSummary(resumed);
    expect(fromReport(dir)).toEqual(after);
    // The fold also holds the interrupted attempts' epochs in the journal, but the relaunch replaces them.
    expect(fromFold(dir)).toEqual(after);
  });
});
