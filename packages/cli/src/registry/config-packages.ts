import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve as resolveModule } from 'import-meta-resolve';
import { ConfigError } from '../config/config-error.js';
import type { ConfigIssue } from '../config/issues.js';
import { checkPenguinPackage } from './registry.js';
import type { RegistryLoader } from './sources.js';

/** Where the `packages` key of a config is, to resolve its entries and to name them in messages. */
export interface PackagesOrigin {
  /** Directory of the config file: entries resolve from it, like ESLint and Rollup plugins. */
  readonly dir: string;
  /** How messages name the config file. */
  readonly label: string;
  /** Key path prefix of the config inside its file (`penguin` for package.json). */
  readonly prefix: readonly PropertyKey[];
}

const isPath = (specifier: string): boolean =>
  specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || isAbsolute(specifier);

/** The URL to import for a `packages` entry: a path relative to the config's directory, or a package name. */
export function resolvePackageEntry(specifier: string, dir: string): string {
  if (isPath(specifier)) {
    const file = resolvePath(dir, specifier);
    if (!existsSync(file)) throw new Error(`no file ${file}`);
    return pathToFileURL(file).href;
  }
  // A bare name resolves as an `import` from a file in the config's directory would (node_modules upwards).
  return resolveModule(specifier, pathToFileURL(join(dir, 'penguin.config.js')).href);
}

/** The cause's message on one line, at most 300 characters. */
function oneLine(cause: unknown): string {
  const message = (cause instanceof Error ? cause.message : String(cause)).replace(/\s*\n\s*/g, ' ').trim();
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}

function exportsOf(module: Record<string, unknown>): string {
  const names = Object.keys(module).sort();
  return names.length === 0 ? 'nothing' : names.slice(0, 6).join(', ') + (names.length > 6 ? ', …' : '');
}

/**
 * Loads the `penguinPackage` of every entry of a config's `packages` key into the loader's registry, before the
 * first-party packages. A missing module, one that fails to load, or one without a `penguinPackage` is a
 * `ConfigError` naming the entry.
 */
export async function loadConfigPackages(
  specifiers: readonly string[],
  origin: PackagesOrigin,
  loader: RegistryLoader,
): Promise<void> {
  const issues: ConfigIssue[] = [];
  for (const [i, specifier] of specifiers.entries()) {
    const path = [...origin.prefix, 'packages', i];
    const fail = (message: string) => issues.push({ path, message });
    let url: string;
    try {
      url = resolvePackageEntry(specifier, origin.dir);
    } catch {
      fail(
        isPath(specifier)
          ? `expected a module at ${resolvePath(origin.dir, specifier)}, found none`
          : `expected an installed package '${specifier}' (resolved from ${origin.dir}), found none; install it with npm install ${specifier}`,
      );
      continue;
    }
    let module: Record<string, unknown>;
    try {
      module = (await import(url)) as Record<string, unknown>;
    } catch (cause) {
      fail(`cannot load '${specifier}': ${oneLine(cause)}`);
      continue;
    }
    if (!('penguinPackage' in module)) {
      fail(
        `expected '${specifier}' to export a penguinPackage ({ searchers, spaces, trainers, plugins }), ` +
          `but it exports ${exportsOf(module)}`,
      );
      continue;
    }
    try {
      loader.registry.add(checkPenguinPackage(module.penguinPackage, specifier), specifier);
    } catch (cause) {
      fail(oneLine(cause));
    }
  }
  if (issues.length > 0) throw new ConfigError(origin.label, issues);
}
