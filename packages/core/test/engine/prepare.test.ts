import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Engine,
  readJournal,
  replayTrainer,
  type Trainer,
  TrainerError,
  tabularSpace,
} from '../../src/index.js';
import { randomSearcherForTests } from '../random-for-tests.js';

const space = tabularSpace(
  Array.from({ length: 8 }, (_, i) => ({
    id: `a${i}`,
    epochs: [1, 2, 3, 4],
    metrics: { val_acc: [1, 2, 3, 4].map((e) => 50 + i + e) },
    genome: { arch: `a${i}` },
    extra: {},
  })),
);

/** The replay trainer with a prepare step, counting how often each step runs. */
function preparedTrainer(prepare: () => Promise<void>) {
  const inner = replayTrainer(space, { metrics: ['val_acc'] });
  const calls = { prepare: 0, train: 0 };
  const trainer: Trainer = {
    ...inner,
    name: 'prepared',
    async prepare() {
      calls.prepare++;
      await prepare();
    },
    train(trial, report) {
      calls.train++;
      return inner.train(trial, report);
    },
  };
  return { trainer, calls };
}

function engineWith(trainer: Trainer, dir?: string) {
  return new Engine({
    space,
    searcher: randomSearcherForTests(),
    trainer,
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 4,
    budget: { trials: 5 },
    seed: 1,
    ...(dir ? { dir } : {}),
  });
}

describe("the trainer's prepare step", () => {
  it('runs once before the first trial', async () => {
    const { trainer, calls } = preparedTrainer(async () => {
      expect(calls.train).toBe(0);
    });
    const summary = await engineWith(trainer).run();
    expect(summary.trials.length).toBe(5);
    expect(calls).toEqual({ prepare: 1, train: 5 });
  });

  it('fails the run once, before any trial, with its one message journalled', async () => {
    const { trainer, calls } = preparedTrainer(async () => {
      throw new Error('fashion-mnist: Fashion-MNIST not found');
    });
    const dir = mkdtempSync(join(tmpdir(), 'penguin-prepare-'));
    const error = await engineWith(trainer, dir)
      .run()
      .catch((e) => e);
    expect(error).toBeInstanceOf(TrainerError);
    expect(error.message).toBe('[trainer prepared] prepare: fashion-mnist: Fashion-MNIST not found');
    expect(calls).toEqual({ prepare: 1, train: 0 });
    const events = readJournal(dir).events;
    expect(events.filter((e) => e.type === 'trial-started')).toEqual([]);
    expect(events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.message)).toEqual([
      '[trainer prepared] prepare: fashion-mnist: Fashion-MNIST not found',
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', reason: 'failed', trials: 0 });
  });
});
