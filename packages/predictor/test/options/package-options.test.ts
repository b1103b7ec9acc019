import { describe, expect, it } from 'vitest';
import { isResolvedPredictorOptions } from '../../src/options/resolve-options.js';
import { penguinPackage } from '../../src/penguin-package.js';
import type { PredictorPlugin } from '../../src/plugin/predictor-plugin.js';

describe('the registry entry parses predictor options once', () => {
  it("the schema's output is the resolved options, and the plugin it creates uses them as they are", async () => {
    const definition = penguinPackage.plugins?.find((p) => p.name === 'predictor');
    const parsed = definition?.options.parse({ rule: { kind: 'median' }, calibration: { minSamples: 4 } });
    expect(isResolvedPredictorOptions(parsed)).toBe(true);
    expect(parsed).toMatchObject({ rule: { kind: 'median' }, calibration: { minSamples: 4 } });
    const plugin = (await definition?.create(parsed as never, {} as never)) as PredictorPlugin;
    expect(plugin.options).toBe(parsed);
  });
});
