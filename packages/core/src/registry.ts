import type { z } from 'zod';
import type { Plugin } from './run-types.js';
import type { Genome, SearcherFactory, SearchSpace, Trainer } from './types.js';

/**
 * How a package makes its strategies nameable in a config file. Each definition declares its options as a
 * zod schema; the CLI validates the options (errors name the config path) before calling `create`.
 */
interface Definition<Schema extends z.ZodType> {
  /** The name used in config files, e.g. `random`, `nsga2`, `peng4nn`. */
  readonly name: string;
  /** One line for `penguin --help` and the generated config reference. */
  readonly description: string;
  /** Options (everything in the config object except `name`). */
  readonly options: Schema;
}

/** Where a config file lives, so relative paths in options resolve against it. */
export interface CreateContext {
  readonly configDir: string;
  readonly seed: number;
}

export interface SearcherDefinition<Schema extends z.ZodType = z.ZodType> extends Definition<Schema> {
  create(options: z.output<Schema>, context: CreateContext): SearcherFactory<Genome>;
}

export interface PluginDefinition<Schema extends z.ZodType = z.ZodType> extends Definition<Schema> {
  create(options: z.output<Schema>, context: CreateContext): Plugin<Genome>;
}

export interface SpaceDefinitionEntry<Schema extends z.ZodType = z.ZodType> extends Definition<Schema> {
  create(
    options: z.output<Schema>,
    context: CreateContext,
  ): SearchSpace<Genome> | Promise<SearchSpace<Genome>>;
}

export interface TrainerContext extends CreateContext {
  readonly space: SearchSpace<Genome>;
  /** The epochs the NAS trains each trial. */
  readonly maxEpochs: number;
}

export interface TrainerDefinition<Schema extends z.ZodType = z.ZodType> extends Definition<Schema> {
  create(options: z.output<Schema>, context: TrainerContext): Trainer<Genome> | Promise<Trainer<Genome>>;
}

/** Everything a package contributes to the registry. */
export interface PenguinPackage {
  readonly searchers?: readonly SearcherDefinition[];
  readonly plugins?: readonly PluginDefinition[];
  readonly spaces?: readonly SpaceDefinitionEntry[];
  readonly trainers?: readonly TrainerDefinition[];
}

/** Identity helpers that keep the option type tied to the schema. */
export function defineSearcher<S extends z.ZodType>(
  definition: SearcherDefinition<S>,
): SearcherDefinition<S> {
  return definition;
}
export function definePlugin<S extends z.ZodType>(definition: PluginDefinition<S>): PluginDefinition<S> {
  return definition;
}
export function defineSpaceEntry<S extends z.ZodType>(
  definition: SpaceDefinitionEntry<S>,
): SpaceDefinitionEntry<S> {
  return definition;
}
export function defineTrainer<S extends z.ZodType>(definition: TrainerDefinition<S>): TrainerDefinition<S> {
  return definition;
}
