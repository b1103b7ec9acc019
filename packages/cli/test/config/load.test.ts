import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { tempDir } from '../helpers/temp-dir.js';

const minimal = {
  space: 'tabular',
  searcher: 'random',
  trainer: 'replay',
  maxEpochs: 20,
  budget: { trials: 5 },
};

async function loadError(files: Record<string, string>, file?: string): Promise<ConfigError> {
  const cwd = tempDir(files);
  try {
    await loadConfig({ cwd, ...(file ? { file } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: search places', () => {
  it('reads package.json#penguin', async () => {
    const cwd = tempDir({ 'package.json': JSON.stringify({ name: 'x', penguin: minimal }) });
    const loaded = await loadConfig({ cwd });
    expect(loaded.file).toBe(join(cwd, 'package.json'));
    expect(loaded.prefix).toEqual(['penguin']);
    expect(loaded.config.maxEpochs).toBe(20);
  });

  it('reads .penguinrc as YAML and fills defaults', async () => {
    const cwd = tempDir({
      '.penguinrc':
        'space: tabular\nsearcher: random\ntrainer: replay\nmaxEpochs: 20\nbudget:\n  trials: 5\n',
    });
    const { config } = await loadConfig({ cwd });
    expect(config.concurrency).toBe(1);
    expect(config.seed).toBe(0);
    expect(config.predictor).toBe(false);
    expect(config.plugins).toEqual([]);
    expect(config.objectives).toEqual([{ name: 'val_acc', direction: 'maximize', from: 'curve' }]);
  });

  it('reads .penguinrc.yml and .penguinrc.json', async () => {
    const yml = await loadConfig({
      cwd: tempDir({
        '.penguinrc.yml': 'space: a\nsearcher: b\ntrainer: c\nmaxEpochs: 3\nbudget: { epochs: 9 }\n',
      }),
    });
    expect(yml.config.budget).toEqual({ epochs: 9 });
    const json = await loadConfig({
      cwd: tempDir({ '.penguinrc.json': JSON.stringify({ ...minimal, seed: 7 }) }),
    });
    expect(json.config.seed).toBe(7);
  });

  it('reads penguin.config.mjs and keeps objects it passes', async () => {
    const cwd = tempDir({
      'penguin.config.mjs': `export default { ...${JSON.stringify(minimal)},
        searcher: (context) => ({ name: 'mine', ask: () => [], tell() {} }) };`,
    });
    const { config, dir } = await loadConfig({ cwd });
    expect(dir).toBe(cwd);
    expect(typeof config.searcher).toBe('function');
  });

  it('reads penguin.config.ts through the TypeScript loader', async () => {
    const cwd = tempDir({
      'penguin.config.ts': `const epochs: number = 12;
        export default { space: 'tabular', searcher: { name: 'random' }, trainer: 'replay', maxEpochs: epochs, budget: { trials: 2 } };`,
    });
    const { config, file } = await loadConfig({ cwd });
    expect(file).toBe(join(cwd, 'penguin.config.ts'));
    expect(config.maxEpochs).toBe(12);
    expect(config.searcher).toEqual({ name: 'random' });
  });

  it('reads .penguinrc.yaml, penguin.config.js and penguin.config.mts', async () => {
    const yaml = await loadConfig({
      cwd: tempDir({
        '.penguinrc.yaml': 'space: a\nsearcher: b\ntrainer: c\nmaxEpochs: 4\nbudget: { seconds: 60 }\n',
      }),
    });
    expect(yaml.config.budget).toEqual({ seconds: 60 });
    const js = await loadConfig({
      cwd: tempDir({ 'penguin.config.js': `module.exports = ${JSON.stringify(minimal)};` }),
    });
    expect(js.config.maxEpochs).toBe(20);
    const mts = await loadConfig({
      cwd: tempDir({
        'penguin.config.mts': `const seed: number = 3;\nexport default { ...${JSON.stringify(minimal)}, seed };`,
      }),
    });
    expect(mts.config.seed).toBe(3);
  });

  it('searches parent directories up to the project root', async () => {
    const cwd = tempDir({
      'package.json': '{"name":"p"}',
      'penguin.config.cjs': `module.exports = ${JSON.stringify(minimal)};`,
      'sub/deeper/.keep': '',
    });
    const loaded = await loadConfig({ cwd: join(cwd, 'sub', 'deeper') });
    expect(loaded.file).toBe(join(cwd, 'penguin.config.cjs'));
  });

  it('loads an explicit --config file relative to cwd', async () => {
    const cwd = tempDir({ 'configs/fast.json': JSON.stringify(minimal) });
    const loaded = await loadConfig({ cwd, file: 'configs/fast.json' });
    expect(loaded.label).toBe(join('configs', 'fast.json'));
    expect(loaded.dir).toBe(join(cwd, 'configs'));
  });
});

describe('loadConfig: errors name the file and the key path', () => {
  it('an unknown top-level key suggests the nearest valid key', async () => {
    const error = await loadError({ '.penguinrc.json': JSON.stringify({ ...minimal, budgt: 3 }) });
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toBe(".penguinrc.json: budgt: unknown key; did you mean 'budget'?");
  });

  it('an unknown nested key suggests the nearest valid key', async () => {
    const error = await loadError(
      { 'penguin.json': JSON.stringify({ ...minimal, budget: { trialz: 3 } }) },
      'penguin.json',
    );
    expect(error.message).toContain("penguin.json: budget.trialz: unknown key; did you mean 'trials'?");
    expect(error.message).toContain('penguin.json: budget: expected at least one of trials, epochs, seconds');
  });

  it('an unknown key without a near match lists the valid keys', async () => {
    const error = await loadError({
      '.penguinrc.json': JSON.stringify({ ...minimal, budget: { trials: 1, gpus: 2 } }),
    });
    expect(error.message).toBe(
      '.penguinrc.json: budget.gpus: unknown key; expected one of trials, epochs, seconds',
    );
  });

  it('a wrong type says what was expected and what was found', async () => {
    const error = await loadError({ '.penguinrc.json': JSON.stringify({ ...minimal, maxEpochs: 'twenty' }) });
    expect(error.message).toBe('.penguinrc.json: maxEpochs: expected a number, got "twenty"');
  });

  it('a missing required field is named', async () => {
    const { trainer: _, ...withoutTrainer } = minimal;
    const error = await loadError({ '.penguinrc.json': JSON.stringify(withoutTrainer) });
    expect(error.message).toContain('.penguinrc.json: trainer: ');
    expect(error.message).toContain("expected a trainer name ('replay')");
    expect(error.message).toContain('got nothing');
  });

  it('lists every issue at once, one line each', async () => {
    const error = await loadError({
      '.penguinrc.json': JSON.stringify({
        space: 'tabular',
        searcher: { populationSize: 8 },
        trainer: 'replay',
        maxEpochs: 0,
        budget: { trials: 5 },
        objectives: [{ name: 'val_acc', direction: 'max' }],
        concurency: 2,
      }),
    });
    expect(new Set(error.issues.map((i) => i.path.join('.')))).toEqual(
      new Set(['searcher.name', 'objectives.0.direction', 'maxEpochs', 'concurency']),
    );
    expect(error.message.split('\n')).toHaveLength(4);
    expect(error.message).toContain('.penguinrc.json: searcher.name: missing; expected a string');
    expect(error.message).toContain(
      `.penguinrc.json: objectives[0].direction: expected one of "maximize", "minimize", got "max"`,
    );
    expect(error.message).toContain('.penguinrc.json: maxEpochs: expected a number >= 1, got 0');
    expect(error.message).toContain(".penguinrc.json: concurency: unknown key; did you mean 'concurrency'?");
  });

  it('prefixes the key path with penguin. for package.json', async () => {
    const error = await loadError({
      'package.json': JSON.stringify({ name: 'x', penguin: { ...minimal, seed: 1.5 } }),
    });
    expect(error.message).toBe('package.json: penguin.seed: expected an integer, got 1.5');
  });

  it('a file that cannot be parsed names the file', async () => {
    const error = await loadError({ '.penguinrc.json': '{ "space": ' });
    expect(error.message).toMatch(/^\.penguinrc\.json: cannot read the config: /);
  });

  it('a missing --config file says where it looked', async () => {
    const error = await loadError({}, 'nope.json');
    expect(error.message).toMatch(
      /^--config nope\.json: expected a config file, found nothing at .*nope\.json$/,
    );
  });

  it('no config anywhere says where to put one', async () => {
    const error = await loadError({ 'package.json': '{"name":"empty"}' });
    expect(error.message).toContain('expected a penguin config in this directory or a parent');
    expect(error.message).toContain('--config FILE');
  });

  it('a config that is not an object', async () => {
    const error = await loadError({ '.penguinrc.json': '[1, 2]' });
    expect(error.message).toBe('.penguinrc.json: expected an object, got an array of 2');
  });
});

describe('parseConfig', () => {
  it('accepts plugin entries that are false or null and objects with apply', () => {
    const plugin = { name: 'mine', apply() {} };
    const { config } = parseConfig(
      { ...minimal, plugins: [false, null, 'logger', plugin] },
      { file: '/x/penguin.config.ts' },
    );
    expect(config.plugins).toEqual([false, null, 'logger', plugin]);
  });

  it('rejects a plugin entry that is neither', () => {
    expect(() => parseConfig({ ...minimal, plugins: [42] }, { file: '/x/c.json', label: 'c.json' })).toThrow(
      'c.json: plugins[0]: expected a plugin name, { name, …options }, or a plugin ({ name, apply } or a function), got 42',
    );
  });
});
