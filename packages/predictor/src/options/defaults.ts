import type { RuleSpec } from './rule-schema.js';
import type { ModelSpec, PredictorOptions } from './schema.js';

/**
 * What empty options mean: the configuration this package recommends (and `penguin replay` runs by default).
 * Chosen on the development curves; see the README for the measurements.
 */
export const DEFAULT_MODEL: ModelSpec = 'peng4nn';
export const DEFAULT_RULE: RuleSpec = { kind: 'peng4nn' };
export const DEFAULT_CALIBRATION: NonNullable<PredictorOptions['calibration']> = false;
