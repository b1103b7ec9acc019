import type { ReplayConfig } from './run-config.js';

/**
 * The recommended predictor configuration: the predictor's own defaults (empty options), which the rules
 * engineer keeps equal to what the package README recommends. `penguin replay` without `--config` runs it.
 */
export const RECOMMENDED_CONFIG: ReplayConfig = { name: 'recommended', options: {} };

/** The PENGUIN reference code's rule (N = 3, t = 0.5, first fit after 2 points, a-cap), as published. */
export const REFERENCE_CONFIG: ReplayConfig = { name: 'reference', options: { preset: 'reference' } };

/**
 * The baselines of ALGORITHMS §4 on the predictor's own rule interface: no termination, patience on the metric,
 * median stopping, Optuna's percentile pruner at 50% (its MedianPruner), ASHA and Hyperband with Optuna's and
 * Ray's defaults (r = 1, η = 4), truncation at 15% and 30% of the epochs (the last value reported).
 */
export const BASELINE_CONFIGS: readonly ReplayConfig[] = [
  { name: 'no termination', options: { rule: { kind: 'never' } } },
  { name: 'patience 5', options: { rule: { kind: 'patience', patience: 5 } } },
  { name: 'median stopping', options: { rule: { kind: 'median' } } },
  { name: 'percentile 50%', options: { rule: { kind: 'percentile', percentile: 50 } } },
  { name: 'asha', options: { rule: { kind: 'asha' } } },
  { name: 'hyperband', options: { rule: { kind: 'hyperband' } } },
  { name: 'truncation 15%', options: { rule: { kind: 'truncation', fraction: 0.15 } } },
  { name: 'truncation 30%', options: { rule: { kind: 'truncation', fraction: 0.3 } } },
];

/** Baselines, then the reference rule, then the recommended configuration: the table of the issue. */
export function standardConfigs(): ReplayConfig[] {
  return [...BASELINE_CONFIGS, REFERENCE_CONFIG, RECOMMENDED_CONFIG];
}
