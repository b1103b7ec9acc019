import { isPluginObject, isSearcherObject, isSpaceObject, isTrainerObject } from './schema.js';

/** What `penguin run` writes into the run's `config.json`, so `penguin resume <dir>` can rebuild the run. */
export interface RunConfigSnapshot {
  readonly penguin: {
    readonly version: 1;
    /** Absolute path of the config file the run was started with. */
    readonly configFile: string;
    /** Relative paths in options resolve against it. */
    readonly configDir: string;
    /** The config as plain JSON; objects a `penguin.config.ts` passed are `{ "$object": name }`. */
    readonly config: unknown;
    /** True when the config passed objects: resume must load the config file again to get them. */
    readonly needsConfigFile: boolean;
    /** The seed the run used (after `--seed`). */
    readonly seed: number;
  };
}

function objectName(value: unknown): string {
  const named = (value as { name?: unknown; pluginName?: unknown }) ?? {};
  if (typeof named.pluginName === 'string') return named.pluginName;
  return typeof named.name === 'string' && named.name !== '' ? named.name : 'anonymous';
}

/** A plain-JSON copy of a config, with objects and functions replaced by `{ "$object": name }`. */
export function toJsonConfig(config: unknown): { json: unknown; hasObjects: boolean } {
  let hasObjects = false;
  const walk = (value: unknown): unknown => {
    if (
      typeof value === 'function' ||
      isSearcherObject(value) ||
      isTrainerObject(value) ||
      isSpaceObject(value) ||
      isPluginObject(value)
    ) {
      hasObjects = true;
      return { $object: objectName(value) };
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) if (child !== undefined) out[key] = walk(child);
      return out;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  };
  const json = walk(config);
  return { json, hasObjects };
}

export function isRunConfigSnapshot(value: unknown): value is RunConfigSnapshot {
  const p = (value as { penguin?: Record<string, unknown> } | null)?.penguin;
  return (
    typeof p === 'object' &&
    p !== null &&
    p.version === 1 &&
    typeof p.configFile === 'string' &&
    typeof p.configDir === 'string' &&
    typeof p.needsConfigFile === 'boolean' &&
    typeof p.seed === 'number'
  );
}
