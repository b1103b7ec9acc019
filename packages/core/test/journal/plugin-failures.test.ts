import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_FILE,
  Engine,
  type EngineOptions,
  type Genome,
  type PluginHost,
  type PluginList,
  readCurveFile,
  readJournal,
  replayTrainer,
  tabularSpace,
} from '../../src/index.js';
import { hillClimber } from '../fixtures.js';
import { NB201 } from '../paths.js';

const records = (await readCurveFile(NB201)).slice(0, 30);

function smallRun(
  dir: string,
  plugins: PluginList<Genome>,
  extra: Partial<EngineOptions<Genome>> = {},
): Engine<Genome> {
  const space = tabularSpace(records);
  return new Engine({
    space,
    searcher: hillClimber(),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 6,
    budget: { trials: 5 },
    seed: 3,
    plugins,
    dir,
    ...extra,
  });
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'penguin-plugin-'));
}

function errorsOf(dir: string) {
  return readJournal(dir).events.flatMap((e) => (e.type === 'error' ? [e] : []));
}

describe('a plugin whose state() fails (#13.7)', () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const cases: [string, () => unknown, RegExp][] = [
    [
      'throws',
      () => {
        throw new Error('no state today');
      },
      /no state today/,
    ],
    ['returns a BigInt', () => ({ count: 10n }), /BigInt/],
    ['returns a circular object', () => circular, /circular/],
  ];
  it.each(cases)(
    '%s: the run goes on, the error names plugin and hook, the checkpoint is written',
    async (_, state, cause) => {
      const dir = freshDir();
      const summary = await smallRun(dir, [
        { name: 'fragile', apply() {}, state },
        { name: 'fine', apply() {}, state: () => ({ ok: 1 }) },
      ]).run();
      expect(summary.trials.map((t) => t.status)).toEqual(Array(5).fill('completed'));
      const errors = errorsOf(dir);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e).toMatchObject({ code: 'PLUGIN_ERROR', plugin: 'fragile', hook: 'state' });
        expect(e.message).toMatch(/^\[fragile\] state failed: /);
        expect(e.message).toMatch(cause);
      }
      const checkpoint = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8')) as {
        nextIndex: number;
        told: string[];
        plugins: object;
      };
      expect(checkpoint.nextIndex).toBe(5);
      expect(checkpoint.told.length).toBe(5);
      expect(checkpoint.plugins).toEqual({ fine: { ok: 1 } });
      expect(readJournal(dir).events.at(-1)?.type).toBe('run-ended');
    },
  );

  it('restore() that throws on resume is reported and the plugin starts afresh', async () => {
    const dir = freshDir();
    const plugin = (restore: (s: unknown) => void) => ({
      name: 'picky',
      apply() {},
      state: () => ({ v: 1 }),
      restore,
    });
    const engine = smallRun(dir, [plugin(() => {})], { budget: { trials: 3 } });
    await engine.run();
    const resumed = await smallRun(
      dir,
      [
        plugin(() => {
          throw new Error('cannot read v1');
        }),
      ],
      { resume: true },
    ).run();
    expect(resumed.trials.length).toBe(5);
    expect(errorsOf(dir)).toEqual([
      expect.objectContaining({
        plugin: 'picky',
        hook: 'restore',
        message: '[picky] restore failed: cannot read v1',
      }),
    ]);
  });
});

describe('hook time limits (#13.8)', () => {
  it('a promise tap that never settles fails its trial, naming plugin, hook and limit; the run goes on', async () => {
    const dir = freshDir();
    const hang = (host: PluginHost<Genome>) =>
      host.hooks.onEpochEnd.tapPromise('hang', (trial) =>
        trial.id === 't1' ? new Promise(() => {}) : Promise.resolve(),
      );
    const summary = await smallRun(dir, [hang], { hookTimeouts: { onEpochEnd: 50 } }).run();
    expect(summary.trials.map((t) => t.status)).toEqual([
      'completed',
      'failed',
      'completed',
      'completed',
      'completed',
    ]);
    expect(summary.trials[1]?.error).toBe(
      '[hang] onEpochEnd failed: did not settle within 50 ms (the onEpochEnd time limit; raise it with the hookTimeouts option)',
    );
    expect(errorsOf(dir)).toEqual([
      expect.objectContaining({ trialId: 't1', plugin: 'hang', hook: 'onEpochEnd' }),
    ]);
  });

  it('a callback tap that never calls back is limited too', async () => {
    const dir = freshDir();
    const summary = await smallRun(
      dir,
      [(host) => host.hooks.onTrialEnd.tapAsync('silent', (_trial, _callback) => {})],
      { hookTimeouts: 30, budget: { trials: 2 } },
    ).run();
    expect(summary.trials.map((t) => t.error)).toEqual([
      '[silent] onTrialEnd failed: did not settle within 30 ms (the onTrialEnd time limit; raise it with the hookTimeouts option)',
      expect.stringContaining('[silent] onTrialEnd failed'),
    ]);
  });

  it('refuses a bad limit, naming the entry', () => {
    expect(() => smallRun(freshDir(), [], { hookTimeouts: { onEpoch: 5 } as never })).toThrow(
      /hookTimeouts\.onEpoch: expected one of beforeRun, .*, got an unknown hook/,
    );
    expect(() => smallRun(freshDir(), [], { hookTimeouts: { afterRun: -1 } })).toThrow(
      'hookTimeouts.afterRun: expected a positive number of milliseconds (Infinity for no limit), got -1',
    );
    expect(() => smallRun(freshDir(), [], { hookTimeouts: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});

describe('a plugin with recall (#13.15)', () => {
  /** A plugin that learns the ids of the trials that ended, and rebuilds them on resume from the journal. */
  const learner = (seen: string[], recalled: string[], fail = false) => ({
    name: 'learner',
    apply(host: PluginHost<Genome>) {
      host.hooks.onTrialEnd.tap('learner', (trial) => {
        seen.push(trial.id);
      });
    },
    state: () => ({ seen }),
    recall(trial: { id: string; status: string }) {
      if (fail) throw new Error('cannot recall');
      recalled.push(`${trial.id}:${trial.status}`);
    },
  });

  it('hears every told trial on resume, in order, instead of a checkpointed state', async () => {
    const dir = freshDir();
    const seen: string[] = [];
    await smallRun(dir, [learner(seen, [])], { budget: { trials: 3 } }).run();
    const checkpoint = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8')) as { plugins?: object };
    expect(Object.keys(checkpoint.plugins ?? {})).not.toContain('learner');

    const recalled: string[] = [];
    await smallRun(dir, [learner([], recalled)], { budget: { trials: 5 }, resume: true }).run();
    expect(recalled).toEqual(seen.map((id) => `${id}:completed`));
  });

  it('a recall that throws is reported naming plugin and hook, and the run goes on', async () => {
    const dir = freshDir();
    await smallRun(dir, [learner([], [])], { budget: { trials: 2 } }).run();
    const summary = await smallRun(dir, [learner([], [], true)], {
      budget: { trials: 4 },
      resume: true,
    }).run();
    expect(summary.trials).toHaveLength(4);
    expect(errorsOf(dir)).toEqual([
      expect.objectContaining({ code: 'PLUGIN_ERROR', plugin: 'learner', hook: 'recall' }),
    ]);
  });
});

describe('a beforeRun tap that fails (#13.14)', () => {
  it('fails the run with its message, journals the error naming plugin and hook, and no run-ended "exhausted"', async () => {
    const dir = freshDir();
    const failing = {
      name: 'warm-up-check',
      apply(host: PluginHost) {
        host.hooks.beforeRun.tapPromise('warm-up-check', async () => {
          throw new Error('GPU not found');
        });
      },
    };
    await expect(smallRun(dir, [failing]).run()).rejects.toThrow(/warm-up-check.*beforeRun.*GPU not found/s);
    const events = readJournal(dir).events;
    expect(events.some((e) => e.type === 'trial-started')).toBe(false);
    expect(events.filter((e) => e.type === 'run-ended')).toEqual([]);
    expect(errorsOf(dir)).toMatchObject([{ plugin: 'warm-up-check', hook: 'beforeRun' }]);
    expect(errorsOf(dir)[0]?.message).toContain('GPU not found');
  });
});
