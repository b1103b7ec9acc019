import type { ReplayConfig } from '../../packages/predictor/src/replay/index.js';

/**
 * Configurations under study, beside the baselines, the reference rule and the recommended default: the relative
 * rule (stop a trial that cannot reach the current top fraction of finished trials) on predictions calibrated
 * against the trials trained to the end, which are the first 10 and every promising one.
 */
export const CANDIDATE_CONFIGS: readonly ReplayConfig[] = [
  {
    // The recommended default until 2026-11-22 (session 2): top-fraction alone, the first 10 trials trained fully
    // (and no training metric, which joined the default calibration on 2026-12-07).
    name: 'previous default',
    options: {
      rule: { kind: 'top-fraction', fraction: 0.1, delta: 0.1, minTrials: 10, minFraction: 0.03 },
      calibration: { trainingMetric: false },
    },
  },
  {
    name: 'top-fraction+cal',
    options: {
      rule: { kind: 'top-fraction' },
      calibration: {},
      fullTraining: { first: 10 },
      fit: { starts: 1 },
    },
  },
  {
    name: 'top-fraction 0.1+cal',
    options: {
      rule: { kind: 'top-fraction', fraction: 0.1 },
      calibration: {},
      fullTraining: { first: 10 },
      fit: { starts: 1 },
    },
  },
];
