import { resolvePredictorOptions } from '../options/resolve-options.js';
import { predictorPlugin } from '../plugin/index.js';
import type { ReplayConfig, ReplayPluginFactory } from './run-config.js';

/**
 * The replay's plugin factory for predictor configurations: resolves every configuration's options once, up front
 * (so a bad one fails before any curve is replayed, its error naming the configuration), and builds a fresh
 * predictor plugin from the resolved options for each engine run (one per seed and target group).
 */
export function predictorPlugins(configs: readonly ReplayConfig[]): ReplayPluginFactory {
  const resolved = new Map(
    configs.map((c) => [c.options, resolvePredictorOptions(c.options, `predictor "${c.name}"`)]),
  );
  return (options) => predictorPlugin(resolved.get(options) ?? options);
}
