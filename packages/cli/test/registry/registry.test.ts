import { defineSearcher, type PenguinPackage } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkPenguinPackage, Registry } from '../../src/registry/registry.js';
import { RegistryLoader } from '../../src/registry/sources.js';
import { testLoader } from '../helpers/test-packages.js';

const searcher = (name: string) =>
  defineSearcher({
    name,
    description: name,
    options: z.strictObject({}),
    create: () => () => ({ name, ask: () => [], tell() {} }),
  });

describe('Registry', () => {
  it('composes packages and lists names by kind', () => {
    const registry = new Registry()
      .add({ searchers: [searcher('b'), searcher('a')] }, 'p1')
      .add({ searchers: [searcher('c')] }, 'p2');
    expect(registry.names('searcher')).toEqual(['a', 'b', 'c']);
    expect(registry.get('searcher', 'c')?.source).toBe('p2');
    expect(registry.has('plugin', 'a')).toBe(false);
  });

  it('rejects a name defined by two packages', () => {
    const registry = new Registry().add({ searchers: [searcher('random')] }, '@penguin-nas/search-random');
    expect(() => registry.add({ searchers: [searcher('random')] }, 'my-package')).toThrow(
      "searcher 'random' is defined twice: by @penguin-nas/search-random and by my-package",
    );
  });

  it('names the first problem of a malformed package', () => {
    expect(() => checkPenguinPackage({ searchers: {} }, 'pkg')).toThrow(
      'pkg: penguinPackage.searchers: expected an array',
    );
    expect(() => checkPenguinPackage({ plugins: [{ name: 'x', create() {} }] }, 'pkg')).toThrow(
      'pkg: penguinPackage.plugins[0] (x): expected options to be a zod schema',
    );
    expect(() =>
      checkPenguinPackage({ trainers: [{ description: 'no name' }] } as unknown as PenguinPackage, 'pkg'),
    ).toThrow('pkg: penguinPackage.trainers[0]: expected a definition with a name');
  });
});

describe('RegistryLoader', () => {
  it('stops loading as soon as every requested name is known (no heavy package)', async () => {
    const imported: string[] = [];
    const loader = testLoader(imported);
    const registry = await loader.load([
      { kind: 'searcher', name: 'random' },
      { kind: 'trainer', name: 'test-replay' },
    ]);
    expect(registry.has('searcher', 'random')).toBe(true);
    expect(imported).toEqual(['@penguin-nas/search-random', 'test-package']);
    expect(loader.loaded).toEqual(['@penguin-nas/search-random', 'test-package']);
    expect(loader.unavailable).toEqual([]);
  });

  it('an unknown name loads every package and records the ones that could not load', async () => {
    const imported: string[] = [];
    const loader = testLoader(imported);
    const registry = await loader.load([{ kind: 'searcher', name: 'nope' }]);
    expect(registry.has('searcher', 'nope')).toBe(false);
    expect(imported).toEqual([
      '@penguin-nas/search-random',
      'test-package',
      'missing-package',
      'heavy-package',
    ]);
    expect(loader.unavailable).toEqual([
      { module: 'missing-package', reason: "Cannot find package 'missing-package'" },
    ]);
  });

  it('loads heavy packages when a requested name is missing', async () => {
    const imported: string[] = [];
    const loader = testLoader(imported);
    const registry = await loader.load([{ kind: 'trainer', name: 'heavy-trainer' }]);
    expect(imported).toContain('heavy-package');
    expect(registry.has('trainer', 'heavy-trainer')).toBe(true);
  });

  it('the default loader does not load TensorFlow.js for names the light packages define', async () => {
    const loader = new RegistryLoader();
    await loader.load([{ kind: 'searcher', name: 'random' }]);
    expect(loader.loaded).toContain('@penguin-nas/search-random');
    expect(loader.loaded).not.toContain('@penguin-nas/tfjs');
    expect(loader.loaded).not.toContain('@penguin-nas/search-rl');
  });

  it('a module without penguinPackage is recorded as unavailable', async () => {
    const loader = new RegistryLoader([{ module: 'plain', heavy: false }], async () => ({ something: 1 }));
    await loader.load();
    expect(loader.unavailable).toEqual([{ module: 'plain', reason: 'it exports no penguinPackage' }]);
  });
});
