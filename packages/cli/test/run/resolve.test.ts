import { join } from 'node:path';
import { PenguinError } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfig } from '../../src/config/load.js';
import { RegistryLoader } from '../../src/registry/sources.js';
import { resolveRun } from '../../src/run/resolve.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';
import { seen, testLoader } from '../helpers/test-packages.js';

const base = {
  space: { name: 'test-tabular', file: NB201, limit: 20 },
  searcher: 'random',
  trainer: 'test-replay',
  maxEpochs: 50,
  budget: { trials: 3 },
};

function loaded(config: unknown, dir = '/configs') {
  return parseConfig(config, { file: join(dir, 'penguin.config.json'), label: 'penguin.config.json' });
}

async function resolveError(config: unknown, dir?: string): Promise<Error> {
  try {
    await resolveRun(loaded(config, dir), testLoader());
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected resolveRun to fail');
}

describe('resolveRun', () => {
  it('creates space, trainer, searcher and plugins from names', async () => {
    const run = await resolveRun(
      loaded({ ...base, plugins: [{ name: 'recorder', label: 'x' }, false] }),
      testLoader(),
    );
    expect(run.space.decisions.length).toBeGreaterThan(0);
    expect(run.trainer.name).toBe('replay');
    expect(typeof run.searcher).toBe('function');
    expect(run.plugins).toHaveLength(1);
    expect(seen.pluginOptions).toEqual({ label: 'x' });
    expect(run.names).toEqual({ space: 'test-tabular', searcher: 'random', trainer: 'test-replay' });
    expect(run.budget).toEqual({ trials: 3 });
    expect(run.objectives).toEqual([{ name: 'val_acc', direction: 'maximize', from: 'curve' }]);
  });

  it('resolves relative paths against the config directory', async () => {
    const dir = tempDir({
      'data/curves.jsonl': `${JSON.stringify({ id: 'a', epochs: [1, 2], val_acc: [1, 2], genome: { op: 'x' } })}\n`,
    });
    await resolveRun(
      loaded({ ...base, space: { name: 'test-tabular', file: 'data/curves.jsonl' } }, dir),
      testLoader(),
    );
    expect(seen.configDir).toBe(dir);
    expect(seen.file).toBe(join(dir, 'data/curves.jsonl'));
  });

  it('hands the dataset to the space and the trainer that take one', async () => {
    seen.spaceDataset = undefined;
    await resolveRun(loaded({ ...base, dataset: { name: 'fashion-mnist', trainSize: 100 } }), testLoader());
    expect(seen.dataset).toEqual({ name: 'fashion-mnist', trainSize: 100 });
    expect(seen.spaceDataset).toBeUndefined();
    await resolveRun(loaded({ ...base, space: 'dataset-space', dataset: 'mnist' }), testLoader());
    expect(seen.spaceDataset).toBe('mnist');
    expect(seen.dataset).toBe('mnist');
  });

  it('--seed overrides the config seed', async () => {
    const run = await resolveRun(loaded({ ...base, seed: 1 }), testLoader(), { seed: 9 });
    expect(run.seed).toBe(9);
  });

  it('an unknown name suggests the nearest registered one', async () => {
    const error = await resolveError({ ...base, searcher: 'randon' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(
      "penguin.config.json: searcher: unknown searcher 'randon'; did you mean 'random'?; expected one of random",
    );
    expect(error.message).toContain("not loaded: missing-package (Cannot find package 'missing-package')");
  });

  it("validates a strategy's options with its own schema, naming the key path", async () => {
    const error = await resolveError({
      ...base,
      searcher: { name: 'random', maxRetries: 'many', populationSize: 3 },
      space: { name: 'test-tabular', fil: NB201 },
    });
    const lines = error.message.split('\n');
    expect(lines).toContain('penguin.config.json: searcher.maxRetries: expected a number, got "many"');
    expect(lines).toContain(
      'penguin.config.json: searcher.populationSize: unknown key; expected one of maxRetries',
    );
    expect(lines).toContain("penguin.config.json: space.fil: unknown key; did you mean 'file'?");
    expect(lines).toContain('penguin.config.json: space.file: missing; expected a string');
  });

  it('a dataset that neither the space nor the trainer takes is an error at dataset', async () => {
    const error = await resolveError({ ...base, trainer: 'no-dataset', dataset: 'mnist' });
    expect(error.message).toBe(
      "penguin.config.json: dataset: expected a space or trainer that takes a dataset, but space 'test-tabular' and trainer 'no-dataset' take none",
    );
  });

  it('predictor on without a predictor package says so', async () => {
    const error = await resolveError({ ...base, predictor: true });
    expect(error.message).toContain(
      'penguin.config.json: predictor: expected the predictor plugin, but no package provides it',
    );
  });

  it('a curve file with malformed lines fails with the config key, the file and the line', async () => {
    const dir = tempDir({
      'bad.jsonl': `${JSON.stringify({ id: 'a', epochs: [1], val_acc: [1], genome: { op: 'x' } })}\n{"id": "b", "epochs": [1, 2\n`,
    });
    const error = await resolveError({ ...base, space: { name: 'test-tabular', file: 'bad.jsonl' } }, dir);
    expect(error).toBeInstanceOf(PenguinError);
    expect((error as PenguinError).code).toBe('CURVE_FILE_ERROR');
    expect(error.message).toMatch(/^penguin\.config\.json: space \(test-tabular\): .*bad\.jsonl:2/);
  });

  it('uses objects passed in the config as they are', async () => {
    const trainer = { name: 'mine', train: async () => ({ epochs: 0 }) };
    const factory = () => ({ name: 'custom', ask: () => [], tell() {} });
    const run = await resolveRun(loaded({ ...base, trainer, searcher: factory }), testLoader());
    expect(run.trainer).toBe(trainer);
    expect(run.searcher).toBe(factory);
    expect(run.names.trainer).toBe('mine');
  });

  it('with the real packages: tabular space, replay trainer, predictor options checked by its own schema', async () => {
    const real = { ...base, space: { name: 'tabular', file: NB201 }, trainer: 'replay' };
    const run = await resolveRun(loaded({ ...real, predictor: true }), new RegistryLoader());
    expect(run.plugins.map((p) => ('name' in p ? p.name : ''))).toEqual(['predictor']);
    let error: Error | undefined;
    try {
      await resolveRun(
        loaded({ ...real, predictor: { rule: { kind: 'peng4nn', N: 1 }, modle: 'pow3' } }),
        new RegistryLoader(),
      );
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message.split('\n')).toEqual([
      'penguin.config.json: predictor.rule.N: expected an integer >= 2, got 1',
      "penguin.config.json: predictor.modle: unknown key; did you mean 'model'?",
    ]);
  });
});
