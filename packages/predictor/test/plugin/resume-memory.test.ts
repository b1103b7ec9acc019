import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Engine,
  type Genome,
  readCurveFile,
  replayTrainer,
  type SearcherFactory,
  tabularSpace,
} from '@penguin-nas/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type PredictorPlugin, predictorPlugin } from '../../src/plugin/index.js';
import { sequenceSearcher } from '../../src/replay/order.js';
import { NB201 } from '../helpers/curves.js';

const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'penguin-predictor-memory-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The predictor's state at the end of the run in `dir` (the checkpoint no longer holds it: it is recalled). */
const plugins = new Map<string, PredictorPlugin>();
const predictorState = (dir: string) => plugins.get(dir)?.state();

describe('predictor memory rebuilt from the journal (#13.5)', () => {
  it('a run killed between trial-ended and the next checkpoint resumes to the same calibration', async () => {
    const records = (await readCurveFile(NB201)).slice(0, 8).map((r) => ({
      ...r,
      epochs: r.epochs.slice(0, 20),
      metrics: { val_acc: (r.metrics.val_acc ?? []).slice(0, 20) },
    }));
    const space = tabularSpace(records);
    const genomes = records.map((r) => r.genome ?? {});
    const options = {
      rule: { kind: 'top-fraction', minTrials: 3 },
      calibration: { minSamples: 3 },
      fullTraining: { first: 8 },
    } as const;
    /** The searcher copies the run directory when it is told about `killAt`: the moment of the kill. */
    const copying =
      (killAt: string | undefined, copyTo: string): SearcherFactory<Genome> =>
      (context) => {
        const inner = sequenceSearcher(genomes)(context);
        return {
          ...inner,
          name: 'copying',
          ask: (n) => inner.ask(n),
          tell: (trial, fitness) => {
            if (trial.id === killAt) cpSync(runDir, copyTo, { recursive: true });
            return inner.tell(trial, fitness);
          },
        };
      };
    let runDir = tmp();
    const engine = (dir: string, resume: boolean, killAt?: string, copyTo = '') => {
      const plugin = predictorPlugin(options);
      plugins.set(dir, plugin);
      return new Engine({
        space,
        searcher: copying(killAt, copyTo),
        trainer: replayTrainer(space, { metrics: ['val_acc'] }),
        objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
        maxEpochs: 20,
        budget: { trials: 8 },
        plugins: [plugin],
        dir,
        resume,
      });
    };
    const reference = runDir;
    const killed = tmp();
    await engine(reference, false, 't5', killed).run();
    const expected = predictorState(reference) as { calibration: { samples: { raw: (number | null)[] }[] } };
    // The calibration learned raw predictions (not only nulls) from the trial that ended before the kill.
    expect(expected.calibration.samples[5]?.raw.some((r) => r !== null)).toBe(true);

    runDir = killed;
    await engine(killed, true).run();
    expect(predictorState(killed)).toEqual(expected);
  });
});
