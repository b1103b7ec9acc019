export {
  type ComputeMetricsOptions,
  computeMetrics,
  DEFAULT_TOP_K,
  type ErrorSummary,
  type ReplayMetrics,
  type StopChances,
  stopChances,
  type TopKResult,
  type TopKSpec,
  topKCount,
} from './compute.js';
export { assertOutcomes, type CurveOutcome, type MetricsOptions, type PerCurveRow } from './outcome.js';
export { kendallTauB, rankScores, spearman, topKMembership } from './ranking.js';
