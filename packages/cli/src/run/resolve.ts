import type {
  Budget,
  CreateContext,
  Genome,
  ObjectiveSpec,
  Plugin,
  Searcher,
  SearcherFactory,
  SearchSpace,
  TimeLimits,
  Trainer,
} from '@penguin-nas/core';
import { PenguinError } from '@penguin-nas/core';
import type { z } from 'zod';
import { waiting } from '../commands/waiting.js';
import { ConfigError } from '../config/config-error.js';
import { didYouMean } from '../config/did-you-mean.js';
import { type ConfigIssue, explainIssues, formatPath, keysAt } from '../config/issues.js';
import type { LoadedConfig } from '../config/load.js';
import { isPluginObject, isSearcherObject, isSpaceObject, isTrainerObject } from '../config/schema.js';
import { loadConfigPackages } from '../registry/config-packages.js';
import type { DefinitionByKind, StrategyKind } from '../registry/registry.js';
import type { NameRequest, RegistryLoader } from '../registry/sources.js';

/** Everything the engine needs, built from a validated config. */
export interface ResolvedRun {
  readonly space: SearchSpace<Genome>;
  readonly searcher: SearcherFactory<Genome> | Searcher<Genome>;
  readonly trainer: Trainer<Genome>;
  readonly plugins: Plugin<Genome>[];
  readonly objectives: ObjectiveSpec[];
  readonly maxEpochs: number;
  readonly budget: Budget;
  readonly concurrency: number;
  readonly timeLimits: TimeLimits;
  readonly seed: number;
  /** `name` of each strategy, for the progress header and the summary. */
  readonly names: { readonly space: string; readonly searcher: string; readonly trainer: string };
}

/** A config entry that names a registered strategy, with its options. */
interface NamedRef<K extends StrategyKind> {
  readonly kind: K;
  readonly name: string;
  readonly options: Record<string, unknown>;
  /** Key path of the entry in the config (`searcher`, `plugins[1]`). */
  readonly path: readonly PropertyKey[];
  /** Key path of the name itself (`searcher` for `'random'`, `searcher.name` for `{ name: 'random' }`). */
  readonly namePath: readonly PropertyKey[];
}

function namedRef<K extends StrategyKind>(
  kind: K,
  value: unknown,
  path: readonly PropertyKey[],
): NamedRef<K> | undefined {
  if (typeof value === 'string') return { kind, name: value, options: {}, path, namePath: path };
  if (value !== null && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') {
    const { name, ...options } = value as { name: string } & Record<string, unknown>;
    return { kind, name, options, path, namePath: [...path, 'name'] };
  }
  return undefined;
}

interface Validated<K extends StrategyKind> {
  readonly ref: NamedRef<K>;
  readonly definition: DefinitionByKind[K];
  readonly options: unknown;
}

/**
 * Resolves names through the registry, validates every strategy's options with its own schema (all problems in
 * one `ConfigError`), then creates the space, trainer, searcher and plugins.
 */
export async function resolveRun(
  loaded: LoadedConfig,
  loader: RegistryLoader,
  overrides: { readonly seed?: number } = {},
): Promise<ResolvedRun> {
  const { config } = loaded;
  const seed = overrides.seed ?? config.seed;
  const refs = {
    space: isSpaceObject(config.space) ? undefined : namedRef('space', config.space, ['space']),
    searcher:
      typeof config.searcher === 'function' || isSearcherObject(config.searcher)
        ? undefined
        : namedRef('searcher', config.searcher, ['searcher']),
    trainer: isTrainerObject(config.trainer) ? undefined : namedRef('trainer', config.trainer, ['trainer']),
  };
  const pluginRefs: (NamedRef<'plugin'> | Plugin<Genome>)[] = [];
  if (config.predictor !== false) {
    const options = config.predictor === true ? {} : (config.predictor as Record<string, unknown>);
    pluginRefs.push({
      kind: 'plugin',
      name: 'predictor',
      options,
      path: ['predictor'],
      namePath: ['predictor'],
    });
  }
  config.plugins.forEach((entry, i) => {
    if (entry === false || entry === null) return;
    if (typeof entry === 'function' || isPluginObject(entry)) pluginRefs.push(entry as Plugin<Genome>);
    else {
      const ref = namedRef('plugin', entry, ['plugins', i]);
      if (ref) pluginRefs.push(ref);
    }
  });

  const named = [refs.space, refs.searcher, refs.trainer, ...pluginRefs].filter(
    (r): r is NamedRef<StrategyKind> =>
      r !== undefined && 'kind' in r && typeof r.kind === 'string' && 'path' in r,
  );
  await loadConfigPackages(config.packages, loaded, loader);
  const registry = await loader.load(named.map((r): NameRequest => ({ kind: r.kind, name: r.name })));

  const issues: ConfigIssue[] = [];
  const validate = <K extends StrategyKind>(
    ref: NamedRef<K>,
    extra: Record<string, unknown> = {},
  ): Validated<K> | undefined => {
    const entry = registry.get(ref.kind, ref.name);
    if (!entry) {
      const known = registry.names(ref.kind);
      const missingPackages = loader.unavailable.map((u) => `${u.module} (${u.reason})`);
      issues.push({
        path: [...loaded.prefix, ...ref.namePath],
        message:
          ref.path[0] === 'predictor'
            ? `expected the predictor plugin, but no package provides it${missingPackages.length ? `; not loaded: ${missingPackages.join('; ')}` : ''}`
            : `unknown ${ref.kind} '${ref.name}'${didYouMean(ref.name, known)}; expected one of ${known.length ? known.join(', ') : '(none registered)'}` +
              (missingPackages.length ? `; not loaded: ${missingPackages.join('; ')}` : ''),
      });
      return undefined;
    }
    const schema = entry.definition.options as z.ZodType;
    const input = { ...ref.options, ...extra };
    const result = schema.safeParse(input);
    if (!result.success) {
      for (const issue of explainIssues(result.error.issues, input, schema)) {
        const first = issue.path[0];
        const inExtra = typeof first === 'string' && first in extra;
        const path = inExtra ? issue.path : [...ref.path, ...issue.path];
        const message =
          inExtra && issue.path.length === 1 && issue.message.startsWith('unknown key')
            ? `the ${ref.kind} '${ref.name}' takes no ${String(first)}`
            : issue.message;
        issues.push({ path: [...loaded.prefix, ...path], message });
      }
      return undefined;
    }
    return { ref, definition: entry.definition, options: result.data };
  };

  // `dataset` goes to the space and the trainer whose options take one (tfjs spaces need it for their input shape).
  const takesDataset = (ref: NamedRef<StrategyKind> | undefined): boolean => {
    const entry = ref && registry.get(ref.kind, ref.name);
    return entry !== undefined && keysAt(entry.definition.options as z.ZodType, []).includes('dataset');
  };
  const dataset = config.dataset === undefined ? {} : { dataset: config.dataset };
  if (config.dataset !== undefined && !takesDataset(refs.space) && !takesDataset(refs.trainer)) {
    const named = [
      refs.space && `space '${refs.space.name}'`,
      refs.trainer && `trainer '${refs.trainer.name}'`,
    ];
    const found = named.filter((n): n is string => typeof n === 'string');
    issues.push({
      path: [...loaded.prefix, 'dataset'],
      message:
        found.length === 0
          ? 'expected a named space or trainer that takes a dataset; both are objects from the config'
          : `expected a space or trainer that takes a dataset, but ${found.join(' and ')} take${found.length === 1 ? 's' : ''} none`,
    });
  }
  const space = refs.space && validate(refs.space, takesDataset(refs.space) ? dataset : {});
  const searcher = refs.searcher && validate(refs.searcher);
  const trainer = refs.trainer && validate(refs.trainer, takesDataset(refs.trainer) ? dataset : {});
  const plugins = pluginRefs.map((p) => ('kind' in p && 'path' in p ? validate(p as NamedRef<'plugin'>) : p));
  if (issues.length > 0) throw new ConfigError(loaded.label, issues);

  const context: CreateContext = { configDir: loaded.dir, seed };
  const create = async <T>(path: string, name: string, make: () => T | Promise<T>): Promise<T> => {
    try {
      return await waiting.track(`creating the ${path} (${name}) of ${loaded.label}`, (async () => make())());
    } catch (cause) {
      const message = `${loaded.label}: ${path} (${name}): ${cause instanceof Error ? cause.message : String(cause)}`;
      throw new PenguinError(cause instanceof PenguinError ? cause.code : 'CONFIG_ERROR', message, { cause });
    }
  };

  const spaceObject: SearchSpace<Genome> = space
    ? await create('space', space.ref.name, () => space.definition.create(space.options, context))
    : (config.space as SearchSpace<Genome>);
  const trainerObject: Trainer<Genome> = trainer
    ? await create('trainer', trainer.ref.name, () =>
        trainer.definition.create(trainer.options, {
          ...context,
          space: spaceObject,
          maxEpochs: config.maxEpochs,
        }),
      )
    : (config.trainer as Trainer<Genome>);
  const searcherObject = searcher
    ? await create('searcher', searcher.ref.name, () => searcher.definition.create(searcher.options, context))
    : (config.searcher as SearcherFactory<Genome> | Searcher<Genome>);
  const pluginObjects: Plugin<Genome>[] = [];
  for (const p of plugins) {
    if (p === undefined) continue;
    if ('definition' in p && 'ref' in p) {
      const v = p as Validated<'plugin'>;
      pluginObjects.push(
        await create(formatPath(v.ref.path), v.ref.name, () => v.definition.create(v.options, context)),
      );
    } else pluginObjects.push(p as Plugin<Genome>);
  }

  const budget: Budget = {
    ...(config.budget.trials !== undefined ? { trials: config.budget.trials } : {}),
    ...(config.budget.epochs !== undefined ? { epochs: config.budget.epochs } : {}),
    ...(config.budget.seconds !== undefined ? { seconds: config.budget.seconds } : {}),
  };
  return {
    space: spaceObject,
    searcher: searcherObject,
    trainer: trainerObject,
    plugins: pluginObjects,
    objectives: config.objectives.map((o) => ({ ...o }) as ObjectiveSpec),
    maxEpochs: config.maxEpochs,
    budget,
    concurrency: config.concurrency,
    timeLimits: Object.fromEntries(
      Object.entries(config.timeLimits).filter(([, seconds]) => seconds !== undefined),
    ) as TimeLimits,
    seed,
    names: {
      space: space?.ref.name ?? spaceObject.name,
      searcher:
        searcher?.ref.name ??
        (typeof searcherObject === 'function' ? searcherObject.name || 'custom' : searcherObject.name),
      trainer: trainer?.ref.name ?? trainerObject.name,
    },
  };
}
