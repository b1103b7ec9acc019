import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { TypeScriptLoader } from 'cosmiconfig-typescript-loader';
import { ConfigError } from './config-error.js';
import { explainIssues } from './issues.js';
import { loadJsConfig } from './js-loader.js';
import { configSchema, type PenguinConfig } from './schema.js';
import { throwingKey } from './throwing-key.js';
import { loadYaml } from './yaml-loader.js';

/** Where cosmiconfig looks, in order, in each directory from the start directory up to the project root. */
export const SEARCH_PLACES = [
  'package.json',
  '.penguinrc',
  '.penguinrc.json',
  '.penguinrc.yaml',
  '.penguinrc.yml',
  'penguin.config.ts',
  'penguin.config.mts',
  'penguin.config.js',
  'penguin.config.mjs',
  'penguin.config.cjs',
] as const;

/** A validated config and where it came from. */
export interface LoadedConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** How messages name it: relative to the working directory when inside it. */
  readonly label: string;
  /** Directory of the config file: relative paths in options resolve against it. */
  readonly dir: string;
  /** Key path prefix of the config inside the file (`penguin` for package.json). */
  readonly prefix: readonly string[];
  readonly config: PenguinConfig;
  /** The raw value found in the file (before defaults). */
  readonly raw: unknown;
}

export interface LoadOptions {
  /** Where the search starts (default: process.cwd()). */
  readonly cwd?: string;
  /** An explicit config file (`--config`), relative to cwd. */
  readonly file?: string;
}

function labelFor(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function explorer() {
  const typescript = TypeScriptLoader();
  return cosmiconfig('penguin', {
    searchPlaces: [...SEARCH_PLACES],
    searchStrategy: 'project',
    loaders: {
      '.ts': typescript,
      '.mts': typescript,
      '.js': loadJsConfig,
      '.mjs': loadJsConfig,
      '.cjs': loadJsConfig,
      '.yaml': loadYaml,
      '.yml': loadYaml,
      noExt: loadYaml,
    },
    cache: false,
  });
}

/** Finds (or loads the given) config file and validates it. Every problem is one `ConfigError`. */
export async function loadConfig(options: LoadOptions = {}): Promise<LoadedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  let found: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  if (options.file !== undefined) {
    const file = resolve(cwd, options.file);
    if (!existsSync(file)) {
      throw new ConfigError(`--config ${options.file}`, [
        { path: [], message: `expected a config file, found nothing at ${file}` },
      ]);
    }
    found = await loadOrExplain(() => explorer().load(file), labelFor(file, cwd), cwd);
    if (found === null) {
      throw new ConfigError(labelFor(file, cwd), [
        { path: [], message: 'expected a config object, found nothing' },
      ]);
    }
  } else {
    found = await loadOrExplain(() => explorer().search(cwd), cwd, cwd);
    if (found === null) {
      throw new ConfigError(cwd, [
        {
          path: [],
          message:
            `expected a penguin config in this directory or a parent up to the project root, found none ` +
            `(looked for package.json#penguin, ${SEARCH_PLACES.slice(1).join(', ')}); create one or pass --config FILE`,
        },
      ]);
    }
  }
  const file = resolve(found.filepath);
  const isPackageJson = basename(file) === 'package.json';
  const label = labelFor(file, cwd);
  if (found.isEmpty || found.config === undefined || found.config === null) {
    throw new ConfigError(label, [
      { path: isPackageJson ? ['penguin'] : [], message: 'expected a config object, found an empty file' },
    ]);
  }
  return parseConfig(found.config, { file, label, prefix: isPackageJson ? ['penguin'] : [] });
}

/** cosmiconfig reports parse errors as `JSON Error in /path/file:\n<details>` (YAML and JS alike). */
const PARSE_ERROR = /^(?:\w+ Error|Error) in ([^\n]+?):\n/;

async function loadOrExplain<T>(load: () => Promise<T>, label: string, cwd: string): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    let message = cause instanceof Error ? cause.message : String(cause);
    let where = label;
    const match = PARSE_ERROR.exec(message);
    if (match?.[1]) {
      where = labelFor(match[1], cwd);
      message = message.slice(match[0].length);
    }
    throw new ConfigError(where, [{ path: [], message: `cannot read the config: ${message.trim()}` }], {
      cause,
    });
  }
}

/** Validates a config value (from a file or built in code) with the one schema. */
export function parseConfig(
  raw: unknown,
  where: { readonly file: string; readonly label?: string; readonly prefix?: readonly string[] },
): LoadedConfig {
  const label = where.label ?? where.file;
  const prefix = where.prefix ?? [];
  let result: ReturnType<typeof configSchema.safeParse>;
  try {
    result = configSchema.safeParse(raw);
  } catch (cause) {
    // A getter of a config module that throws while the schema reads it.
    const issue = throwingKey(raw) ?? { path: [], message: `cannot be read: ${String(cause)}` };
    throw new ConfigError(label, [{ ...issue, path: [...prefix, ...issue.path] }], { cause });
  }
  if (!result.success) {
    const issues = explainIssues(result.error.issues, raw, configSchema).map((issue) => ({
      ...issue,
      path: [...prefix, ...issue.path],
    }));
    throw new ConfigError(label, issues, { cause: result.error });
  }
  return { file: where.file, label, dir: dirname(where.file), prefix, config: result.data, raw };
}
