import { createExtrapolator } from '../extrapolate/from-models.js';
import type { ResolvedPredictorOptions } from '../options/resolve-options.js';
import type { PredictorOptionsInput } from '../options/schema.js';
import { buildPredictorPlugin, type PredictorPlugin } from './predictor-plugin.js';

export * from './audit.js';
export * from './predictor.js';
export * from './predictor-plugin.js';
export * from './resolve.js';
export * from './state.js';

/**
 * Early termination through learning-curve prediction, with the curve families of `src/models` fitted by
 * `src/fit`. `predictorPlugin()` with no options is the recommended configuration (see the README).
 */
export function predictorPlugin(
  options: PredictorOptionsInput | Readonly<Record<string, unknown>> | ResolvedPredictorOptions = {},
): PredictorPlugin {
  return buildPredictorPlugin(options as Record<string, unknown>, createExtrapolator);
}
