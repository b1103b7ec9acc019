import type {
  PenguinPackage,
  PluginDefinition,
  SearcherDefinition,
  SpaceDefinitionEntry,
  TrainerDefinition,
} from '@penguin-nas/core';

/** The four kinds of named strategies a config can use. */
export type StrategyKind = 'space' | 'searcher' | 'trainer' | 'plugin';

export interface DefinitionByKind {
  space: SpaceDefinitionEntry;
  searcher: SearcherDefinition;
  trainer: TrainerDefinition;
  plugin: PluginDefinition;
}

export const STRATEGY_KINDS: readonly StrategyKind[] = ['space', 'searcher', 'trainer', 'plugin'];

const LIST_OF: Record<StrategyKind, keyof PenguinPackage> = {
  space: 'spaces',
  searcher: 'searchers',
  trainer: 'trainers',
  plugin: 'plugins',
};

export interface RegistryEntry<K extends StrategyKind> {
  readonly definition: DefinitionByKind[K];
  /** The package (module specifier) that contributed it. */
  readonly source: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Checks that a value really is a `PenguinPackage`, naming the first problem. */
export function checkPenguinPackage(value: unknown, source: string): PenguinPackage {
  if (!isRecord(value))
    throw new TypeError(`${source}: penguinPackage: expected an object, got ${typeof value}`);
  for (const kind of STRATEGY_KINDS) {
    const list = value[LIST_OF[kind]];
    if (list === undefined) continue;
    if (!Array.isArray(list))
      throw new TypeError(`${source}: penguinPackage.${LIST_OF[kind]}: expected an array`);
    list.forEach((d: unknown, i) => {
      const where = `${source}: penguinPackage.${LIST_OF[kind]}[${i}]`;
      if (!isRecord(d) || typeof d.name !== 'string' || d.name === '')
        throw new TypeError(`${where}: expected a definition with a name`);
      if (typeof d.create !== 'function')
        throw new TypeError(`${where} (${d.name}): expected a create function`);
      if (!isRecord(d.options) || typeof d.options.safeParse !== 'function')
        throw new TypeError(`${where} (${d.name}): expected options to be a zod schema`);
    });
  }
  return value as PenguinPackage;
}

/**
 * Every named space, searcher, trainer and plugin of the packages added to it. Two packages may not define the
 * same name for the same kind.
 */
export class Registry {
  private readonly entries: { [K in StrategyKind]: Map<string, RegistryEntry<K>> } = {
    space: new Map(),
    searcher: new Map(),
    trainer: new Map(),
    plugin: new Map(),
  };

  /** Adds a package's definitions; `source` names it in messages. */
  add(pkg: PenguinPackage, source: string): this {
    checkPenguinPackage(pkg, source);
    this.addList('space', pkg.spaces, source);
    this.addList('searcher', pkg.searchers, source);
    this.addList('trainer', pkg.trainers, source);
    this.addList('plugin', pkg.plugins, source);
    return this;
  }

  private addList<K extends StrategyKind>(
    kind: K,
    list: readonly DefinitionByKind[K][] | undefined,
    source: string,
  ): void {
    const map = this.entries[kind] as Map<string, RegistryEntry<K>>;
    for (const definition of list ?? []) {
      const existing = map.get(definition.name);
      if (existing && existing.source !== source) {
        throw new TypeError(
          `${kind} '${definition.name}' is defined twice: by ${existing.source} and by ${source}`,
        );
      }
      map.set(definition.name, { definition, source });
    }
  }

  get<K extends StrategyKind>(kind: K, name: string): RegistryEntry<K> | undefined {
    return (this.entries[kind] as Map<string, RegistryEntry<K>>).get(name);
  }

  has(kind: StrategyKind, name: string): boolean {
    return this.entries[kind].has(name);
  }

  /** Names of a kind, sorted. */
  names(kind: StrategyKind): string[] {
    return [...this.entries[kind].keys()].sort();
  }

  /** All entries of a kind, sorted by name. */
  list<K extends StrategyKind>(kind: K): RegistryEntry<K>[] {
    return this.names(kind).map((name) => this.get(kind, name) as RegistryEntry<K>);
  }
}
