import type { ReplayConfig } from '../../packages/predictor/src/replay/index.js';

/** Configurations under study, beside the baselines, the reference rule and the recommended default. */
export const CANDIDATE_CONFIGS: readonly ReplayConfig[] = [];
