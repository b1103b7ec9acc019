import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Engine,
  type EngineOptions,
  foldRun,
  PenguinError,
  readCurveFile,
  readJournal,
  replayTrainer,
  TRIAL_TRANSITIONS,
  type TrialPhase,
  TrialState,
  tabularSpace,
} from '../../src/index.js';
import { medianStopper } from '../fixtures.js';
import { NB201 } from '../paths.js';
import { randomSearcherForTests } from '../random-for-tests.js';

const PHASES: TrialPhase[] = ['created', 'running', 'stopping', 'ended', 'told', 'interrupted'];

/** The shortest legal path from created to `phase`. */
const PATH: Record<TrialPhase, TrialPhase[]> = {
  created: [],
  running: ['running'],
  stopping: ['running', 'stopping'],
  ended: ['running', 'ended'],
  told: ['running', 'ended', 'told'],
  interrupted: ['running', 'stopping', 'interrupted'],
};

async function options(extra: Partial<EngineOptions>): Promise<EngineOptions> {
  const space = tabularSpace((await readCurveFile(NB201)).slice(0, 30));
  return {
    space,
    searcher: randomSearcherForTests(),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 20,
    dir: mkdtempSync(join(tmpdir(), 'penguin-lifecycle-')),
    ...extra,
  };
}

function trialAt(phase: TrialPhase): TrialState {
  const trial = new TrialState('t7', 7, { a: 1 }, 1, 10);
  for (const step of PATH[phase]) trial.moveTo(step);
  return trial;
}

describe('trial lifecycle', () => {
  it('allows exactly the transitions of the table', () => {
    expect(TRIAL_TRANSITIONS).toEqual({
      created: ['running'],
      running: ['stopping', 'ended'],
      stopping: ['ended', 'interrupted'],
      ended: ['told'],
      told: [],
      interrupted: [],
    });
    for (const from of PHASES) {
      for (const to of TRIAL_TRANSITIONS[from]) {
        const trial = trialAt(from);
        trial.moveTo(to);
        expect(trial.phase).toBe(to);
      }
    }
  });

  it('refuses every other transition with an error naming the trial and both phases', () => {
    let refused = 0;
    for (const from of PHASES) {
      for (const to of PHASES) {
        if (TRIAL_TRANSITIONS[from].includes(to)) continue;
        const trial = trialAt(from);
        let error: unknown;
        try {
          trial.moveTo(to);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(PenguinError);
        expect((error as PenguinError).code).toBe('LIFECYCLE_ERROR');
        expect((error as Error).message).toContain(`trial t7: cannot move from ${from} to ${to}`);
        expect(trial.phase).toBe(from);
        refused++;
      }
    }
    expect(refused).toBe(36 - 6);
  });

  it('ends every trial of a managed run told, and the journal folds to the same phases', async () => {
    const engine = new Engine(await options({ budget: { trials: 5 }, plugins: [medianStopper(5)] }));
    const summary = await engine.run();
    const folded = foldRun(readJournal(engine.dir as string).events);
    expect([...folded.trials.values()].map((t) => t.phase)).toEqual(summary.trials.map(() => 'told'));
    expect(folded.told).toEqual(folded.endOrder);
    expect([...folded.trials.values()].map((t) => t.attempt)).toEqual([1, 1, 1, 1, 1]);
    // A stopped trial passed through stopping: its decision is journalled before it ended.
    expect(summary.trials.some((t) => t.status === 'stopped')).toBe(true);
  });

  it('leaves a trial aborted by cancel() interrupted, and resume launches it as attempt 2', async () => {
    const base = await options({ budget: { trials: 3 } });
    const dir = base.dir as string;
    const make = (resume: boolean) => {
      const engine: Engine = new Engine({
        ...base,
        plugins: [
          (host) =>
            host.hooks.onEpochEnd.tapPromise('cancel-at-5', async (trial, logs) => {
              if (!resume && trial.id === 't1' && logs.epoch === 5) engine.cancel();
            }),
        ],
        resume,
      });
      return engine;
    };
    const first = await make(false).run();
    expect(first.reason).toBe('cancelled');
    expect(first.trials.find((t) => t.id === 't1')?.status).toBe('pending');
    const folded = foldRun(readJournal(dir).events);
    expect(folded.trials.get('t1')?.phase).toBe('running');
    const second = await make(true).run();
    expect(second.trials.map((t) => t.status)).toEqual(['completed', 'completed', 'completed']);
    const started = readJournal(dir).events.filter((e) => e.type === 'trial-started' && e.trialId === 't1');
    expect(started.map((e) => (e as { attempt?: number }).attempt)).toEqual([1, 2]);
  });
});
