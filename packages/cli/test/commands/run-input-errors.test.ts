import type { PenguinError } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/run.js';
import { type MemoryIO, memoryIO } from '../helpers/memory-io.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';
import { testLoader } from '../helpers/test-packages.js';

const config = {
  space: { name: 'test-tabular', file: NB201, limit: 30 },
  searcher: 'random',
  trainer: 'test-replay',
  maxEpochs: 12,
  budget: { trials: 3 },
  seed: 5,
};

/** The warning lines a command printed. */
const warningsOf = (io: MemoryIO) =>
  io
    .err()
    .split('\n')
    .filter((line) => line.includes('warning'));

describe('penguin run on careless input (#13.14)', () => {
  it('a config getter that throws is one config problem naming the key, not a stack trace', async () => {
    const cwd = tempDir({
      'penguin.config.mjs': `export default { ...${JSON.stringify(config)}, budget: { get trials() { throw new Error('boom'); } } };\n`,
    });
    const error = (await runCommand({ loader: testLoader() }, memoryIO(cwd)).catch((e) => e)) as PenguinError;
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toBe('penguin.config.mjs: budget.trials: reading this key threw Error: boom');
  });

  it('an objective no trial logs: warned once, after the first trial, naming the logged metrics', async () => {
    const cwd = tempDir({
      '.penguinrc.json': JSON.stringify({
        ...config,
        objectives: [{ name: 'val_accuracy', direction: 'maximize', from: 'curve' }],
      }),
    });
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r', loader: testLoader() }, io)).toBe(0);
    expect(warningsOf(io)).toEqual([
      "penguin: warning: objectives[0] val_accuracy: trial t0 logged no metric 'val_accuracy' (it logged " +
        'val_acc, train_acc), so every trial gets the worst fitness; name one of the logged metrics',
    ]);
  });

  it('no warning when the objective is logged', async () => {
    const cwd = tempDir({ '.penguinrc.json': JSON.stringify(config) });
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r', loader: testLoader() }, io)).toBe(0);
    expect(io.err()).not.toContain('warning');
  });

  it('a custom formula that never fits: said once on the console with the reason', async () => {
    const model = { name: 'nan', formula: 'a * log(-x)', params: [{ name: 'a', initial: 1 }] };
    // The packages' own registry (the test loader has no predictor).
    const named = {
      ...config,
      space: { name: 'tabular', file: NB201 },
      trainer: 'replay',
      predictor: { model },
    };
    const cwd = tempDir({ '.penguinrc.json': JSON.stringify(named) });
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r' }, io)).toBe(0);
    expect(warningsOf(io)).toEqual([
      'penguin: warning: trial t0: none of its 10 predictions has a value (nan: no start point led to a finite fit ' +
        '(the model is NaN at x = 1)); while its model cannot fit, the predictor stops nothing (the journal has ' +
        'every prediction)',
    ]);
  });

  it('maxEpochs beyond the recorded curves: said once, naming the length reached', async () => {
    const cwd = tempDir({ '.penguinrc.json': JSON.stringify({ ...config, maxEpochs: 5000 }) });
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r', loader: testLoader() }, io)).toBe(0);
    expect(warningsOf(io)).toEqual([
      'penguin: warning: trial t0 completed after 200 of maxEpochs 5000 epochs: its trainer (or recorded curve) ' +
        'ends there, so fitness and predictions compare curves of different lengths; lower maxEpochs to 200 or ' +
        'train longer',
    ]);
  });

  it('an afterRun tap that fails: its message on the console and exit code 1, not only in the journal', async () => {
    const failing = `{ name: 'bad-end', apply: (host) => host.hooks.afterRun.tapPromise('bad-end', async () => {
      throw new Error('upload refused');
    }) }`;
    const cwd = tempDir({
      'penguin.config.mjs': `export default { ...${JSON.stringify(config)}, plugins: [${failing}] };\n`,
    });
    const io = memoryIO(cwd);
    expect(await runCommand({ out: 'r', loader: testLoader() }, io)).toBe(1);
    expect(io.err()).toBe('penguin: [bad-end] afterRun failed: upload refused\n');
  });
});
