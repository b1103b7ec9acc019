import { definePlugin, type PenguinPackage } from '@penguin-nas/core';
import { completePredictorOptions, type ResolvedPredictorOptions } from './options/resolve-options.js';
import { predictorOptionsSchema } from './options/schema.js';
import { predictorPlugin } from './plugin/index.js';

/** What this package contributes to the registry: the `predictor` plugin, named in config files. */
export const penguinPackage: PenguinPackage = {
  plugins: [
    definePlugin({
      name: 'predictor',
      description:
        'Early termination through learning-curve prediction: fits curve models to each trial, stops it when the rule decides, reports the prediction as fitness',
      // Validated and completed once, by the registry; the plugin takes the resolved options as they are.
      options: predictorOptionsSchema.transform(completePredictorOptions),
      create: (options) => predictorPlugin(options as ResolvedPredictorOptions),
    }),
  ],
};
