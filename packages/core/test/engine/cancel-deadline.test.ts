import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Engine,
  type EngineOptions,
  type Genome,
  readCurveFile,
  readJournal,
  replayTrainer,
  type Searcher,
  tabularSpace,
} from '../../src/index.js';
import { NB201 } from '../paths.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'penguin-cancel-'));

/** A searcher that answers `answers` asks from the space, then never again. */
function stallingSearcher(answers: number): Searcher<Genome> {
  let asked = 0;
  return {
    name: 'stalling',
    ask: (n) =>
      ++asked > answers ? new Promise(() => {}) : Promise.resolve([{ ...allGenomes[asked - 1] }].slice(0, n)),
    tell: () => undefined,
  };
}

let allGenomes: Genome[] = [];

async function options(extra: Partial<EngineOptions> = {}): Promise<EngineOptions> {
  const curves = (await readCurveFile(NB201)).slice(0, 10);
  const space = tabularSpace(curves);
  allGenomes = curves.map((c) => c.genome as Genome);
  return {
    space,
    searcher: stallingSearcher(2),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 12,
    budget: { trials: 5 },
    seed: 4,
    dir: tmp(),
    timeLimits: { cancelSeconds: 0.2 },
    ...extra,
  };
}

/** Runs `engine` until it waits on `expected` only, cancels it, and returns the summary and the seconds it took. */
async function cancelWhileWaiting(engine: Engine, expected: string[]) {
  const running = engine.run();
  await waitFor(() => engine.waitingOn().length > 0);
  expect(engine.waitingOn()).toEqual(expected);
  const cancelledAt = Date.now();
  engine.cancel();
  const summary = await running;
  return { summary, seconds: (Date.now() - cancelledAt) / 1000 };
}

const waitFor = async (check: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
};

describe('a cancelled run ends within cancelSeconds whatever hangs (#13.8)', () => {
  it('a searcher ask that never settles: named by waitingOn, and cancel ends the run with run-ended', async () => {
    const engine = new Engine(await options());
    const { summary, seconds } = await cancelWhileWaiting(engine, ['searcher stalling: ask(1)']);
    expect(seconds).toBeLessThan(3);
    expect(summary.reason).toBe('cancelled');
    const events = readJournal(engine.dir as string).events;
    expect(events.filter((e) => e.type === 'trial-ended')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', reason: 'cancelled', trials: 2 });
  });

  it('abandon ends the journal at once while a trial hangs; resume trains that trial again', async () => {
    const base = await options();
    let hanging = true;
    const trainer = base.trainer as NonNullable<EngineOptions['trainer']>;
    const engine = new Engine({
      ...base,
      trainer: {
        name: 'hangs-once',
        train: (trial, report, signal) =>
          hanging ? new Promise(() => {}) : trainer.train(trial, report, signal),
      },
    });
    void engine.run();
    await waitFor(() => engine.waitingOn().length > 0);
    expect(engine.waitingOn()).toEqual(['trial t0 (trainer hangs-once)']);
    engine.abandon();
    const events = readJournal(engine.dir as string).events;
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', reason: 'cancelled', trials: 1 });
    expect(events.filter((e) => e.type === 'trial-ended')).toHaveLength(0);

    hanging = false;
    const resumed = await new Engine({
      ...base,
      searcher: stallingSearcher(10),
      trainer,
      resume: true,
      dir: engine.dir as string,
    }).run();
    expect(resumed.reason).toBe('budget');
    expect(resumed.trials.map((t) => [t.id, t.status])).toContainEqual(['t0', 'completed']);
    const ended = readJournal(engine.dir as string).events.filter((e) => e.type === 'trial-ended');
    expect(ended.filter((e) => e.trialId === 't0')).toHaveLength(1);
  });

  it('an afterRun tap that never settles: cancel still ends the run with run-ended', async () => {
    const engine = new Engine({
      ...(await options({ searcher: stallingSearcher(10), budget: { trials: 2 } })),
      plugins: [
        {
          name: 'stuck-at-end',
          apply: (host) => host.hooks.afterRun.tapPromise('stuck-at-end', () => new Promise(() => {})),
        },
      ],
    });
    const { summary, seconds } = await cancelWhileWaiting(engine, ['the afterRun hook of stuck-at-end']);
    expect(seconds).toBeLessThan(3);
    expect(summary.trials).toHaveLength(2);
    const events = readJournal(engine.dir as string).events;
    expect(events.filter((e) => e.type === 'run-ended')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', trials: 2 });
  });

  it('abandon makes a pending run() return at once, before the cancel deadline', async () => {
    const engine = new Engine(await options({ timeLimits: { cancelSeconds: 60 } }));
    const running = engine.run();
    await waitFor(() => engine.waitingOn().length > 0);
    const abandonedAt = Date.now();
    engine.abandon();
    expect((await running).reason).toBe('cancelled');
    expect(Date.now() - abandonedAt).toBeLessThan(500);
    expect(readJournal(engine.dir as string).events.at(-1)).toMatchObject({ type: 'run-ended' });
  });
});
