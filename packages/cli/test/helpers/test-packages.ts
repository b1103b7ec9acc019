import { resolve } from 'node:path';
import {
  definePlugin,
  defineSpaceEntry,
  defineTrainer,
  type Genome,
  type PenguinPackage,
  readCurveFile,
  replayTrainer,
  type TabularSpace,
  tabularSpace,
} from '@penguin-nas/core';
import { z } from 'zod';
import { type Importer, type PackageSource, RegistryLoader } from '../../src/registry/sources.js';
import { NB201 } from './temp-dir.js';

/**
 * A small package like the ones the real packages export: a tabular space read from a file (relative to the
 * config), the replay trainer, and a plugin that records what it saw. Used where a test needs definitions it
 * controls; the real packages are tested through the default loader.
 */
export const seen: {
  configDir?: string;
  file?: string;
  dataset?: unknown;
  spaceDataset?: unknown;
  pluginOptions?: unknown;
} = {};

export const testPackage: PenguinPackage = {
  spaces: [
    defineSpaceEntry({
      name: 'test-tabular',
      description: 'tabular space from a curve file',
      options: z.strictObject({ file: z.string(), limit: z.int().min(1).optional() }),
      async create(options, context) {
        seen.configDir = context.configDir;
        seen.file = resolve(context.configDir, options.file);
        const records = await readCurveFile(seen.file);
        return tabularSpace(options.limit ? records.slice(0, options.limit) : records);
      },
    }),
    defineSpaceEntry({
      name: 'dataset-space',
      description: 'a space that needs the dataset (like the tfjs spaces)',
      options: z.strictObject({ dataset: z.unknown() }),
      async create(options) {
        seen.spaceDataset = options.dataset;
        return tabularSpace((await readCurveFile(NB201)).slice(0, 5));
      },
    }),
  ],
  trainers: [
    defineTrainer({
      name: 'test-replay',
      description: 'replays the tabular records',
      options: z.strictObject({ dataset: z.unknown().optional() }),
      create(options, context) {
        seen.dataset = options.dataset;
        return replayTrainer(context.space as TabularSpace);
      },
    }),
    defineTrainer({
      name: 'no-dataset',
      description: 'a trainer with no options',
      options: z.strictObject({}),
      create: (_options, context) => replayTrainer(context.space as TabularSpace),
    }),
  ],
  plugins: [
    definePlugin({
      name: 'recorder',
      description: 'records its options',
      options: z.strictObject({ label: z.string().default('rec') }),
      create(options) {
        seen.pluginOptions = options;
        return { name: 'recorder', apply: () => undefined };
      },
    }),
  ],
};

export const heavyPackage: PenguinPackage = {
  trainers: [
    defineTrainer({
      name: 'heavy-trainer',
      description: 'pretends to need TensorFlow.js',
      options: z.strictObject({}),
      create: (_o, context) => replayTrainer(context.space as TabularSpace),
    }),
  ],
};

/** A loader over the real search-random package plus the test packages, recording what it imported. */
export function testLoader(imported: string[] = []): RegistryLoader {
  const sources: PackageSource[] = [
    { module: '@penguin-nas/search-random', heavy: false },
    { module: 'test-package', heavy: false },
    { module: 'missing-package', heavy: false },
    { module: 'heavy-package', heavy: true },
  ];
  const importer: Importer = async (specifier) => {
    imported.push(specifier);
    if (specifier === 'test-package') return { penguinPackage: testPackage };
    if (specifier === 'heavy-package') return { penguinPackage: heavyPackage };
    if (specifier === 'missing-package') throw new Error(`Cannot find package '${specifier}'`);
    return (await import(specifier)) as Record<string, unknown>;
  };
  return new RegistryLoader(sources, importer);
}

export type { Genome };
