import { PenguinError, PluginError } from '../errors.js';
import { type EngineHooks, HOOK_NAMES } from '../hooks.js';
import type { Plugin, PluginList, PluginObject } from '../run-types.js';
import type { Genome } from '../types.js';

type AnyFn = (...args: unknown[]) => unknown;

/**
 * Wraps every tap so a throw or rejection becomes a PluginError naming the tap (the plugin) and the hook,
 * and refuses taps once the run has started.
 */
export function guardHooks<G extends Genome>(hooks: EngineHooks<G>, isFrozen: () => boolean): void {
  for (const hookName of HOOK_NAMES) {
    const hook = hooks[hookName] as unknown as {
      intercept(interceptor: { register(tap: { name: string; type: string; fn: AnyFn }): unknown }): void;
    };
    hook.intercept({
      register(tap) {
        if (isFrozen()) {
          throw new PenguinError(
            'HOOKS_FROZEN',
            `[${tap.name}] cannot tap ${hookName} after the run started; apply plugins before engine.run() (pass them in the plugins option)`,
          );
        }
        const original = tap.fn;
        if (tap.type === 'promise') {
          tap.fn = async (...args: unknown[]) => {
            try {
              return await (original(...args) as Promise<unknown>);
            } catch (error) {
              throw error instanceof PluginError ? error : new PluginError(tap.name, hookName, error);
            }
          };
        } else if (tap.type === 'async') {
          tap.fn = (...args: unknown[]) => {
            const callback = args.pop() as (error?: unknown, result?: unknown) => void;
            const wrapped = (error?: unknown, result?: unknown) =>
              error
                ? callback(error instanceof PluginError ? error : new PluginError(tap.name, hookName, error))
                : callback(null, result);
            try {
              return original(...args, wrapped);
            } catch (error) {
              return wrapped(error);
            }
          };
        } else {
          tap.fn = (...args: unknown[]) => {
            try {
              return original(...args);
            } catch (error) {
              throw error instanceof PluginError ? error : new PluginError(tap.name, hookName, error);
            }
          };
        }
        return tap;
      },
    });
  }
}

/** The plugin's name: `name` of an object plugin, `pluginName` or the function's name otherwise. */
export function pluginName<G extends Genome>(plugin: Plugin<G>): string {
  if (typeof plugin === 'function') return plugin.pluginName ?? (plugin.name || 'anonymous-plugin');
  return plugin.name;
}

/** Drops falsy entries and checks the rest are plugins with unique names. */
export function normalizePlugins<G extends Genome>(list: PluginList<G> | undefined): Plugin<G>[] {
  const plugins: Plugin<G>[] = [];
  const names = new Set<string>();
  for (const [i, entry] of (list ?? []).entries()) {
    if (!entry) continue;
    const isObject = typeof entry === 'object' && typeof (entry as PluginObject<G>).apply === 'function';
    if (typeof entry !== 'function' && !isObject) {
      throw new PenguinError(
        'CONFIG_ERROR',
        `plugins[${i}]: expected { name, apply(engine) } or a function, got ${JSON.stringify(entry)}`,
      );
    }
    if (isObject && typeof (entry as PluginObject<G>).name !== 'string') {
      throw new PenguinError('CONFIG_ERROR', `plugins[${i}]: expected a string "name"`);
    }
    const name = pluginName(entry as Plugin<G>);
    if (names.has(name))
      throw new PenguinError('CONFIG_ERROR', `plugins[${i}]: duplicate plugin name "${name}"`);
    names.add(name);
    plugins.push(entry as Plugin<G>);
  }
  return plugins;
}
