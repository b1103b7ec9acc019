import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CurveRecord,
  createRng,
  Engine,
  type EngineOptions,
  type FinishedTrial,
  type Fitness,
  type Genome,
  PluginError,
  readCurveFile,
  readJournal,
  replayTrainer,
  type Searcher,
  type TabularSpace,
  type Trainer,
  tabularSpace,
} from '../../src/index.js';
import { NB201 } from '../paths.js';
import { randomSearcherForTests } from '../random-for-tests.js';

let records: CurveRecord[];
let space: TabularSpace;
beforeAll(async () => {
  records = (await readCurveFile(NB201)).slice(0, 40);
  space = tabularSpace(records);
});

const tmp = () => mkdtempSync(join(tmpdir(), 'penguin-engine-'));

function options(extra: Partial<EngineOptions> = {}): EngineOptions {
  return {
    space,
    searcher: randomSearcherForTests(),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 20,
    budget: { trials: 6 },
    seed: 3,
    ...extra,
  };
}

describe('Engine.run', () => {
  it('trains trials until the trial budget, telling the searcher each finished trial once', async () => {
    const told: FinishedTrial[] = [];
    const base = randomSearcherForTests();
    const engine = new Engine(
      options({
        searcher: (ctx) => {
          const s = base(ctx);
          return {
            ...s,
            name: 'spy',
            tell: (trial, fitness) => void told.push(trial) ?? s.tell(trial, fitness),
          };
        },
      }),
    );
    const summary = await engine.run();
    expect(summary.reason).toBe('budget');
    expect(summary.trials.length).toBe(6);
    expect(told.map((t) => t.id).sort()).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    for (const t of summary.trials) {
      expect(t.status).toBe('completed');
      expect(t.cost.epochs).toBe(20);
      expect(t.curve.length).toBe(20);
      const record = space.recordOf(t.genome) as CurveRecord;
      expect(t.fitness?.val_acc).toEqual({
        value: record.metrics.val_acc?.[19],
        direction: 'maximize',
        source: 'measured',
      });
    }
    expect(summary.epochs).toBe(120);
    expect(summary.baselineEpochs).toBe(120);
  });

  it('stops a trial when a shouldTerminate tap decides, charging only the epochs trained', async () => {
    const engine = new Engine(options());
    engine.hooks.shouldTerminate.tapPromise('stop-at-5', async (trial) =>
      trial.curve.length === 5 ? { reason: 'enough', by: 'stop-at-5', prediction: 50 } : undefined,
    );
    const summary = await engine.run();
    for (const t of summary.trials) {
      expect(t.status).toBe('stopped');
      expect(t.cost.epochs).toBe(5);
      expect(t.decision).toEqual({ reason: 'enough', by: 'stop-at-5', prediction: 50 });
    }
    expect(summary.epochs).toBe(30);
    expect(summary.baselineEpochs).toBe(120);
  });

  it("keeps a probabilistic stop's chance on the decision and in the journal", async () => {
    const dir = tmp();
    const engine = new Engine(options({ budget: { trials: 2 }, dir }));
    const chance = { probability: 0.01, threshold: 90 };
    engine.hooks.shouldTerminate.tapPromise('unlikely', async (trial) =>
      trial.curve.length === 2 ? { reason: 'unlikely', by: 'unlikely', prediction: 50, chance } : undefined,
    );
    const summary = await engine.run();
    for (const t of summary.trials) expect(t.decision?.chance).toEqual(chance);
    const decisions = readJournal(dir).events.filter((e) => e.type === 'decision');
    expect(decisions.map((e) => e.type === 'decision' && e.decision.chance)).toEqual([chance, chance]);
    // A journal whose decision carries a garbled chance is refused on load, naming the line and the field.
    const file = join(dir, 'events.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"decision"'));
    lines[at] = (lines[at] as string).replace('"probability":0.01', '"probability":5');
    writeFileSync(file, lines.join('\n'));
    expect(() => readJournal(dir)).toThrow(
      `${file}:${at + 1}: decision: expected { reason: string, by: string, chance?: { probability: a number in [0, 1], threshold: a number } }`,
    );
  });

  it.each([
    [{ probability: 1.5, threshold: 90 }, 'got {"probability":1.5,"threshold":90}'],
    [{ probability: 0.1 }, 'got {"probability":0.1}'],
    ['small', 'got "small"'],
  ])('fails a trial whose stop has a malformed chance (%j), naming the field', async (chance, got) => {
    const engine = new Engine(options({ budget: { trials: 1 } }));
    engine.hooks.shouldTerminate.tapPromise('garbled', async () => ({
      reason: 'x',
      by: 'garbled',
      chance: chance as never,
    }));
    const summary = await engine.run();
    expect(summary.trials[0]?.status).toBe('failed');
    expect(summary.trials[0]?.error).toContain(
      `expected decision.chance to be { probability: a number in [0, 1], threshold: a finite number }, ${got}`,
    );
  });

  it('asks shouldTerminate nothing at maxEpochs: a complete trial keeps its measured value', async () => {
    const engine = new Engine(options({ budget: { trials: 2 } }));
    const asked: number[] = [];
    engine.hooks.shouldTerminate.tapPromise('stop-at-20', async (trial) => {
      const epoch = trial.curve[trial.curve.length - 1]?.epoch as number;
      asked.push(epoch);
      return epoch >= 20 ? { reason: 'at the end', by: 'stop-at-20', prediction: 1 } : undefined;
    });
    const summary = await engine.run();
    expect(asked).toHaveLength(38);
    expect(Math.max(...asked)).toBe(19);
    for (const t of summary.trials) {
      expect(t.status).toBe('completed');
      expect(t.decision).toBeUndefined();
      expect(t.fitness?.val_acc?.source).toBe('measured');
      expect(t.cost.epochs).toBe(20);
    }
  });

  it('lets onFitness replace an objective with a prediction before the searcher hears it', async () => {
    const heard: Fitness[] = [];
    const base = randomSearcherForTests();
    const engine = new Engine(
      options({
        searcher: (ctx) => ({ ...base(ctx), tell: (_t, f) => void heard.push(f) }),
        plugins: [
          {
            name: 'fake-predictor',
            apply(host) {
              host.hooks.onEpochEnd.tapPromise('fake-predictor', async (trial, logs) => {
                trial.recordPrediction({
                  metric: 'val_acc',
                  epoch: logs.epoch,
                  target: 20,
                  value: 77,
                  by: 'fake-predictor',
                });
              });
              host.hooks.shouldTerminate.tapPromise('fake-predictor', async (trial) =>
                trial.predictions.length >= 3
                  ? { reason: 'converged', by: 'fake-predictor', prediction: 77 }
                  : undefined,
              );
              host.hooks.onFitness.tapPromise('fake-predictor', async (fitness, trial) =>
                trial.status === 'stopped' || trial.decision
                  ? { ...fitness, val_acc: { value: 77, direction: 'maximize', source: 'predicted' } }
                  : fitness,
              );
            },
          },
        ],
      }),
    );
    const summary = await engine.run();
    expect(heard.length).toBe(6);
    for (const f of heard)
      expect(f.val_acc).toEqual({ value: 77, direction: 'maximize', source: 'predicted' });
    expect(summary.trials[0]?.predictions.length).toBe(3);
  });

  it('turns a throwing tap into a PluginError that fails that trial only and is journalled', async () => {
    const dir = tmp();
    const engine = new Engine(
      options({
        dir,
        plugins: [
          null,
          false,
          {
            name: 'flaky',
            apply(host) {
              host.hooks.onEpochEnd.tapPromise('flaky', async (trial, logs) => {
                if (trial.index === 1 && logs.epoch === 3) throw new Error('boom');
              });
            },
          },
        ],
      }),
    );
    const summary = await engine.run();
    const failed = summary.trials.filter((t) => t.status === 'failed');
    expect(failed.map((t) => t.id)).toEqual(['t1']);
    expect(failed[0]?.error).toBe('[flaky] onEpochEnd failed: boom');
    expect(failed[0]?.cost.epochs).toBe(3);
    expect(failed[0]?.fitness?.val_acc?.value).toBe(Number.NEGATIVE_INFINITY);
    expect(summary.trials.filter((t) => t.status === 'completed').length).toBe(5);
    const errors = readJournal(dir).events.filter((e) => e.type === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        trialId: 't1',
        code: 'PLUGIN_ERROR',
        plugin: 'flaky',
        hook: 'onEpochEnd',
        message: '[flaky] onEpochEnd failed: boom',
      }),
    ]);
  });

  it('names plugin and hook for sync taps and rejected promises alike', async () => {
    const engine = new Engine(options({ budget: { trials: 2 } }));
    engine.hooks.onTrialStart.tap('sync-thrower', () => {
      throw new TypeError('bad start');
    });
    const summary = await engine.run();
    expect(summary.trials.map((t) => t.error)).toEqual([
      '[sync-thrower] onTrialStart failed: bad start',
      '[sync-thrower] onTrialStart failed: bad start',
    ]);
    const error = new PluginError('p', 'onFitness', new Error('x'));
    expect(error.code).toBe('PLUGIN_ERROR');
    expect(error.message).toBe('[p] onFitness failed: x');
  });

  it('refuses taps once the run has started, saying what to do instead', async () => {
    const engine = new Engine(options({ budget: { trials: 1 } }));
    await engine.run();
    expect(() => engine.hooks.onEpochEnd.tap('late', () => {})).toThrow(
      '[late] cannot tap onEpochEnd after the run started; apply plugins before engine.run() (pass them in the plugins option)',
    );
    expect(Object.isFrozen(engine.hooks)).toBe(true);
  });

  it('trains up to `concurrency` trials at once', async () => {
    let running = 0;
    let peak = 0;
    const engine = new Engine(options({ concurrency: 3, budget: { trials: 9 } }));
    engine.hooks.onTrialStart.tapPromise('count', async () => {
      running++;
      peak = Math.max(peak, running);
    });
    engine.hooks.onTrialEnd.tapPromise('count', async () => {
      running--;
    });
    const summary = await engine.run();
    expect(peak).toBe(3);
    expect(summary.trials.length).toBe(9);
  });

  it("takes the trainer's concurrency as the default and journals what the trainer reports", async () => {
    const dir = tmp();
    let running = 0;
    let peak = 0;
    const inner = replayTrainer(space, { metrics: ['val_acc'] });
    const trainer: Trainer = {
      name: 'pool-like',
      concurrency: 2,
      async train(trial, report) {
        const result = await inner.train(trial, report);
        return { ...result, info: { worker: trial.id, backend: 'test' } };
      },
    };
    const engine = new Engine(options({ trainer, dir, budget: { trials: 4 } }));
    engine.hooks.onTrialStart.tapPromise('count', async () => {
      peak = Math.max(peak, ++running);
    });
    engine.hooks.onTrialEnd.tapPromise('count', async () => {
      running--;
    });
    const summary = await engine.run();
    expect(peak).toBe(2);
    expect(summary.trials[0]?.info).toEqual({ worker: 't0', backend: 'test' });
    const ended = readJournal(dir).events.find((e) => e.type === 'trial-ended');
    expect(ended).toMatchObject({ info: { worker: 't0', backend: 'test' } });
  });

  it('stops starting trials once the epoch budget is spent', async () => {
    const summary = await new Engine(options({ budget: { epochs: 50 } })).run();
    expect(summary.reason).toBe('budget');
    expect(summary.trials.length).toBe(3);
    expect(summary.epochs).toBe(60);
  });

  it('ends on the wall-time budget using the injected clock; interrupted trials stay unfinished', async () => {
    let now = 0;
    const engine = new Engine(options({ budget: { seconds: 1 }, clock: { now: () => now } }));
    engine.hooks.onEpochEnd.tapPromise('tick', async () => {
      now += 40; // 40 ms a point: the budget ends during the second trial
    });
    const summary = await engine.run();
    expect(summary.reason).toBe('budget');
    expect(summary.trials.map((t) => t.status)).toEqual(['completed', 'pending']);
  });

  it('ends when the searcher is exhausted', async () => {
    const summary = await new Engine(
      options({ budget: {}, searcher: () => once(space.sample(seededRng())) }),
    ).run();
    expect(summary.reason).toBe('exhausted');
    expect(summary.trials.length).toBe(1);
  });

  it('fails a trial whose trainer rejects, and goes on', async () => {
    let calls = 0;
    const inner = replayTrainer(space, { metrics: ['val_acc'] });
    const trainer: Trainer = {
      name: 'sometimes',
      async train(trial, report) {
        if (calls++ === 1) throw new Error('out of memory');
        return inner.train(trial, report);
      },
    };
    const summary = await new Engine(options({ trainer })).run();
    expect(summary.trials[1]?.status).toBe('failed');
    expect(summary.trials[1]?.error).toBe('[trainer sometimes] out of memory');
    expect(summary.trials.filter((t) => t.status === 'completed').length).toBe(5);
  });

  it('fails a trial whose trainer reports malformed logs', async () => {
    const trainer: Trainer = {
      name: 'bad-logs',
      async train(_trial, report) {
        await report({ epoch: 1, val_acc: 10 });
        await report({ epoch: 1, val_acc: 11 });
        return { epochs: 1 };
      },
    };
    const summary = await new Engine(options({ trainer, budget: { trials: 1 } })).run();
    expect(summary.trials[0]?.error).toBe(
      '[trainer bad-logs] trial t0: expected epochs to increase, got 1 after 1',
    );
  });

  it('rejects with a SearcherError naming the searcher when ask throws or returns nothing, keeping finished trials', async () => {
    const dir = tmp();
    let asks = 0;
    const base = randomSearcherForTests();
    const engine = new Engine(
      options({
        dir,
        searcher: (ctx) => {
          const s = base(ctx);
          return {
            ...s,
            name: 'broken',
            ask: (n: number) => {
              if (asks++ === 2) throw new Error('no ideas');
              return s.ask(n);
            },
          };
        },
      }),
    );
    await expect(engine.run()).rejects.toThrow('[searcher broken] ask(1): no ideas');
    const events = readJournal(dir).events;
    expect(events.filter((e) => e.type === 'trial-ended').length).toBe(2);
    expect(events[events.length - 1]).toMatchObject({ type: 'run-ended', reason: 'failed', trials: 2 });
    const bad = new Engine(
      options({ searcher: () => ({ name: 'void', ask: () => undefined as never, tell() {} }) }),
    );
    await expect(bad.run()).rejects.toThrow(
      '[searcher void] ask(1): expected an array of genomes (empty when exhausted), got undefined',
    );
    const big = new Engine(
      options({ searcher: () => ({ name: 'big', ask: () => [{ e1_0: 1n }] as never, tell() {} }) }),
    );
    await expect(big.run()).rejects.toThrow(
      '[searcher big] ask(1): genome 0: expected plain JSON (the journal keeps every genome), got a value JSON ' +
        'cannot keep: Do not know how to serialize a BigInt',
    );
  });

  it('repairs a genome outside the space to the nearest recorded one and records it', async () => {
    const dir = tmp();
    const target = records[5]?.genome as Genome;
    const odd = { ...target, e1_0: 'not-an-op' };
    const engine = new Engine(options({ dir, budget: {}, searcher: () => once(odd) }));
    const summary = await engine.run();
    expect(summary.trials[0]?.repairedFrom).toEqual(odd);
    expect(space.contains(summary.trials[0]?.genome)).toBe(true);
    const started = readJournal(dir).events.find((e) => e.type === 'trial-started');
    expect(started).toMatchObject({
      repairedFrom: odd,
      repairReason: expect.stringContaining('nearest recorded genome'),
    });
  });

  it('puts static objectives next to learned ones', async () => {
    const engine = new Engine(
      options({
        budget: { trials: 2 },
        objectives: [
          { name: 'val_acc', direction: 'maximize', from: 'curve' },
          { name: 'params', direction: 'minimize', from: 'static' },
        ],
        trainer: {
          ...replayTrainer(space),
          name: 'with-params',
          staticObjectives: (g) => ({ params: Object.keys(g).length * 1000 }),
        },
      }),
    );
    const summary = await engine.run();
    expect(summary.trials[0]?.fitness?.params).toEqual({
      value: 6000,
      direction: 'minimize',
      source: 'static',
    });
    expect(summary.trials[0]?.staticObjectives).toEqual({ params: 6000 });
  });

  it('refuses to overwrite a run directory and reports one that cannot be written', async () => {
    const dir = tmp();
    await new Engine(options({ dir, budget: { trials: 1 } })).run();
    await expect(new Engine(options({ dir })).run()).rejects.toThrow(
      /already holds a run \(events\.jsonl\); resume it with `penguin resume/,
    );
    const file = join(tmp(), 'a-file');
    writeFileSync(file, 'x');
    await expect(new Engine(options({ dir: join(file, 'run') })).run()).rejects.toThrow(
      /run directory .*a-file\/run: cannot create it \(ENOTDIR\); expected a writable directory/,
    );
  });

  it('validates its options eagerly', () => {
    expect(() => new Engine(options({ maxEpochs: 0 }))).toThrow(
      'maxEpochs: expected a positive number, got 0',
    );
    expect(() => new Engine(options({ concurrency: 1.5 }))).toThrow(
      'concurrency: expected a positive integer, got 1.5',
    );
    expect(() => new Engine(options({ objectives: [] }))).toThrow(
      'objectives: expected at least one objective, got none',
    );
    expect(() => new Engine(options({ plugins: [{ name: 'x' } as never] }))).toThrow(
      'plugins[0]: expected { name, apply(engine) } or a function',
    );
  });
});

describe('bring your own loop', () => {
  it('observes epochs, answers stop when a plugin decides, and returns the substituted fitness', async () => {
    const engine = new Engine({
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 10,
      plugins: [
        (host) => {
          host.hooks.onEpochEnd.tapPromise('guess', async (trial, logs) =>
            trial.recordPrediction({
              metric: 'val_acc',
              epoch: logs.epoch,
              target: 10,
              value: 60 + logs.epoch,
              by: 'guess',
            }),
          );
          host.hooks.shouldTerminate.tapPromise('guess', async (trial) =>
            trial.curve.length >= 3 ? { reason: 'seen enough', by: 'guess', prediction: 63 } : undefined,
          );
          host.hooks.onFitness.tapPromise('guess', async (fitness, trial) =>
            trial.decision
              ? {
                  ...fitness,
                  val_acc: {
                    value: trial.decision.prediction as number,
                    direction: 'maximize',
                    source: 'predicted',
                  },
                }
              : fitness,
          );
        },
      ],
    });
    const { id } = await engine.startTrial({ width: 32 });
    const answers = [];
    for (let epoch = 1; epoch <= 10; epoch++) {
      const answer = await engine.observe(id, { epoch, val_acc: 40 + epoch });
      answers.push(answer);
      if (answer.stop) break;
    }
    expect(answers.map((a) => a.stop)).toEqual([false, false, true]);
    expect(answers[2]).toEqual({ stop: true, reason: 'seen enough', prediction: 63 });
    expect(await engine.finish(id)).toEqual({
      val_acc: { value: 63, direction: 'maximize', source: 'predicted' },
    });
    const summary = await engine.close();
    expect(summary.trials[0]?.status).toBe('stopped');
    await expect(engine.observe('nope', { epoch: 1 })).rejects.toThrow(
      'engine.observe: unknown trial "nope"; start it with engine.startTrial(genome)',
    );
  });
});

function once(genome: Genome): Searcher {
  let done = false;
  return {
    name: 'once',
    ask: () => {
      if (done) return [];
      done = true;
      return [genome];
    },
    tell() {},
  };
}

function seededRng() {
  return createRng(1);
}
