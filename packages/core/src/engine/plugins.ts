import { PenguinError, PluginError } from '../errors.js';
import { type EngineHooks, HOOK_NAMES, type HookName } from '../hooks.js';
import { stringifyJson } from '../journal/json.js';
import type { Plugin, PluginEvent, PluginHost, PluginList, PluginObject } from '../run-types.js';
import type { FinishedTrial, Genome, ObjectiveSpec } from '../types.js';
import type { PendingCalls } from './pending.js';
import type { RunLog } from './run-log.js';

type AnyFn = (...args: unknown[]) => unknown;

/** Per-hook time limits in milliseconds: one number for every hook, or some hooks by name (`Infinity`: none). */
export type HookTimeouts = number | Partial<Record<HookName, number>>;

/**
 * Generous defaults: a tap that has not settled by then is stuck, not slow. A predictor fit or a logger's write
 * takes seconds; a tap that waits on a lost network peer would otherwise hang the run forever.
 */
export const DEFAULT_HOOK_TIMEOUTS_MS: Readonly<Record<HookName, number>> = Object.freeze({
  beforeRun: 30 * 60_000,
  onTrialStart: 10 * 60_000,
  onEpochEnd: 10 * 60_000,
  shouldTerminate: 10 * 60_000,
  onFitness: 10 * 60_000,
  onTrialEnd: 10 * 60_000,
  afterRun: 30 * 60_000,
});

/** The longest delay `setTimeout` honours; longer limits mean no limit. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves the `hookTimeouts` option against the defaults, naming the bad entry. */
export function resolveHookTimeouts(option: HookTimeouts | undefined): Record<HookName, number> {
  const limits = { ...DEFAULT_HOOK_TIMEOUTS_MS };
  if (option === undefined) return limits;
  const check = (value: unknown, where: string): number => {
    if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
      throw new PenguinError(
        'CONFIG_ERROR',
        `${where}: expected a positive number of milliseconds (Infinity for no limit), got ${String(value)}`,
      );
    }
    return value;
  };
  if (typeof option !== 'object' || option === null) {
    const all = check(option, 'hookTimeouts');
    for (const name of HOOK_NAMES) limits[name] = all;
    return limits;
  }
  for (const [name, value] of Object.entries(option)) {
    if (!HOOK_NAMES.includes(name as HookName)) {
      throw new PenguinError(
        'CONFIG_ERROR',
        `hookTimeouts.${name}: expected one of ${HOOK_NAMES.join(', ')}, got an unknown hook`,
      );
    }
    limits[name as HookName] = check(value, `hookTimeouts.${name}`);
  }
  return limits;
}

/**
 * Wraps every tap so a throw or rejection becomes a PluginError naming the tap (the plugin) and the hook, a tap
 * that does not settle within its hook's time limit becomes one too (naming the limit), and refuses taps once
 * the run has started. Synchronous taps cannot be interrupted and have no limit.
 */
export function guardHooks<G extends Genome>(
  hooks: EngineHooks<G>,
  isFrozen: () => boolean,
  timeouts?: HookTimeouts,
  pending?: PendingCalls,
): void {
  const limits = resolveHookTimeouts(timeouts);
  for (const hookName of HOOK_NAMES) {
    const hook = hooks[hookName] as unknown as {
      intercept(interceptor: { register(tap: { name: string; type: string; fn: AnyFn }): unknown }): void;
    };
    const limit = limits[hookName];
    hook.intercept({
      register(tap) {
        if (isFrozen()) {
          throw new PenguinError(
            'HOOKS_FROZEN',
            `[${tap.name}] cannot tap ${hookName} after the run started; apply plugins before engine.run() (pass them in the plugins option)`,
          );
        }
        const original = tap.fn;
        const asPluginError = (error: unknown) =>
          error instanceof PluginError ? error : new PluginError(tap.name, hookName, error);
        const timedOut = () =>
          new PluginError(
            tap.name,
            hookName,
            `did not settle within ${limit} ms (the ${hookName} time limit; raise it with the hookTimeouts option)`,
          );
        const label = `the ${hookName} hook of ${tap.name}`;
        const tracked = <T>(work: Promise<T>) => (pending ? pending.track(label, work) : work);
        if (tap.type === 'promise') {
          tap.fn = async (...args: unknown[]) => {
            try {
              return await tracked(withTimeLimit(async () => original(...args), limit, timedOut));
            } catch (error) {
              throw asPluginError(error);
            }
          };
        } else if (tap.type === 'async') {
          tap.fn = (...args: unknown[]) => {
            const callback = args.pop() as (error?: unknown, result?: unknown) => void;
            tracked(
              withTimeLimit(
                () =>
                  new Promise((resolve, reject) => {
                    original(...args, (error?: unknown, result?: unknown) =>
                      error ? reject(error) : resolve(result),
                    );
                  }),
                limit,
                timedOut,
              ),
            ).then(
              (result) => callback(null, result),
              (error: unknown) => callback(asPluginError(error)),
            );
          };
        } else {
          tap.fn = (...args: unknown[]) => {
            try {
              return original(...args);
            } catch (error) {
              throw asPluginError(error);
            }
          };
        }
        return tap;
      },
    });
  }
}

/** Runs `work`; rejects with `onTimeout()` if it has not settled within `limitMs`. */
async function withTimeLimit<T>(work: () => Promise<T>, limitMs: number, onTimeout: () => Error): Promise<T> {
  if (!(limitMs <= MAX_TIMER_MS)) return work();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), limitMs);
  });
  try {
    return await Promise.race([work(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Each object plugin's `state()` for the checkpoint. A plugin whose `state()` throws, or returns what JSON cannot
 * keep (a BigInt, a cycle), is reported through `onError` as a PluginError naming the plugin and `state`, and
 * left out: the run goes on, and on resume that plugin starts afresh instead of failing the run.
 */
export function pluginStates<G extends Genome>(
  plugins: readonly Plugin<G>[],
  onError: (error: PluginError) => void,
): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (const plugin of plugins) {
    if (typeof plugin === 'function' || !plugin.state || plugin.recall) continue;
    try {
      const state = plugin.state();
      stringifyJson(state); // throws on a BigInt or a cycle, here rather than when the checkpoint is written
      states[plugin.name] = state;
    } catch (error) {
      onError(new PluginError(plugin.name, 'state', error));
    }
  }
  return states;
}

/** Hands each object plugin its saved state; a `restore()` that throws is reported and the plugin starts afresh. */
export function restorePluginStates<G extends Genome>(
  plugins: readonly Plugin<G>[],
  saved: Readonly<Record<string, unknown>>,
  onError: (error: PluginError) => void,
): void {
  for (const plugin of plugins) {
    if (typeof plugin === 'function' || !plugin.restore) continue;
    const state = saved[plugin.name];
    if (state === undefined) continue;
    try {
      plugin.restore(state);
    } catch (error) {
      onError(new PluginError(plugin.name, 'restore', error));
    }
  }
}

/**
 * Hands each object plugin with `recall` the trials the searcher was told, in that order, so it rebuilds its
 * learning from the journal; a `recall()` that throws is reported and that plugin goes on with what it has.
 */
export function recallTrials<G extends Genome>(
  plugins: readonly Plugin<G>[],
  trials: readonly FinishedTrial<G>[],
  onError: (error: PluginError) => void,
): void {
  for (const plugin of plugins) {
    if (typeof plugin === 'function' || !plugin.recall) continue;
    try {
      for (const trial of trials) plugin.recall(trial);
    } catch (error) {
      onError(new PluginError(plugin.name, 'recall', error));
    }
  }
}

/** What a plugin is handed in `apply`: the run's hooks and objectives, and a `log` journalled under its name. */
export function pluginHost<G extends Genome>(
  hooks: EngineHooks<G>,
  objectives: readonly ObjectiveSpec[],
  maxEpochs: number,
  log: RunLog,
  name: string,
): PluginHost<G> {
  return {
    hooks,
    objectives,
    maxEpochs,
    log: (event: PluginEvent) => log.write({ type: 'plugin', plugin: name, event }),
  };
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
