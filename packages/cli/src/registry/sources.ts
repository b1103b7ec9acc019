import type { PenguinPackage } from '@penguin-nas/core';
import { checkPenguinPackage, Registry, type StrategyKind } from './registry.js';

/** A package that may contribute a `penguinPackage`. Heavy ones load only when a name is not found elsewhere. */
export interface PackageSource {
  /** Module specifier, e.g. `@penguin-nas/tfjs`. */
  readonly module: string;
  /** Loads TensorFlow.js or similar: import it only when the config needs one of its names. */
  readonly heavy: boolean;
}

/** The packages the `penguin` command knows about. */
export const PENGUIN_PACKAGES: readonly PackageSource[] = [
  { module: '@penguin-nas/core', heavy: false },
  { module: '@penguin-nas/search-random', heavy: false },
  { module: '@penguin-nas/predictor', heavy: false },
  { module: '@penguin-nas/search-evolutionary', heavy: false },
  { module: '@penguin-nas/search-rl', heavy: true },
  { module: '@penguin-nas/tfjs', heavy: true },
];

export interface NameRequest {
  readonly kind: StrategyKind;
  readonly name: string;
}

/** A package that could not be used, and why (shown when a name is unknown). */
export interface Unavailable {
  readonly module: string;
  readonly reason: string;
}

export type Importer = (specifier: string) => Promise<Record<string, unknown>>;

const defaultImporter: Importer = (specifier) => import(specifier) as Promise<Record<string, unknown>>;

/**
 * Builds the registry from the packages' `penguinPackage` exports. Light packages load first; heavy ones (tfjs,
 * rl) load only if a requested name is still missing, so a tabular run never loads TensorFlow.js.
 */
export class RegistryLoader {
  readonly registry = new Registry();
  private readonly loadedModules: string[] = [];
  private readonly unavailableModules: Unavailable[] = [];
  private readonly attempted = new Set<string>();

  constructor(
    private readonly sources: readonly PackageSource[] = PENGUIN_PACKAGES,
    private readonly importer: Importer = defaultImporter,
  ) {}

  /** Modules whose `penguinPackage` is in the registry. */
  get loaded(): readonly string[] {
    return this.loadedModules;
  }

  get unavailable(): readonly Unavailable[] {
    return this.unavailableModules;
  }

  /**
   * Loads packages in order until every requested name is known: light ones first, the heavy ones only if a name
   * is still missing. With no request, loads every light package.
   */
  async load(requests: readonly NameRequest[] = []): Promise<Registry> {
    const missing = () => requests.some((r) => !this.registry.has(r.kind, r.name));
    for (const source of this.sources.filter((s) => !s.heavy)) {
      if (requests.length > 0 && !missing()) break;
      await this.loadAll([source]);
    }
    if (missing()) await this.loadAll(this.sources.filter((s) => s.heavy));
    return this.registry;
  }

  /** Loads every package, heavy ones included (for docs and `--help`). */
  async loadEverything(): Promise<Registry> {
    await this.loadAll(this.sources);
    return this.registry;
  }

  private async loadAll(sources: readonly PackageSource[]): Promise<void> {
    for (const source of sources) {
      if (this.attempted.has(source.module)) continue;
      this.attempted.add(source.module);
      try {
        const module = await this.importer(source.module);
        if (!('penguinPackage' in module)) {
          this.unavailableModules.push({ module: source.module, reason: 'it exports no penguinPackage' });
          continue;
        }
        const pkg: PenguinPackage = checkPenguinPackage(module.penguinPackage, source.module);
        this.registry.add(pkg, source.module);
        this.loadedModules.push(source.module);
      } catch (cause) {
        const reason =
          cause instanceof Error ? (cause.message.split('\n')[0] ?? cause.message) : String(cause);
        this.unavailableModules.push({ module: source.module, reason });
      }
    }
  }
}
