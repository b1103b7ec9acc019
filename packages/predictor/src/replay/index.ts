export { BASELINE_CONFIGS, RECOMMENDED_CONFIG, REFERENCE_CONFIG, standardConfigs } from './baselines.js';
export {
  chooseDeltas,
  type DeltaChoice,
  formatDeltaChoices,
  parseDeltas,
  sweepDeltas,
} from './delta-sweep.js';
export { replayOrder, sequenceSearcher } from './order.js';
export { predictorPlugins } from './predictor-plugins.js';
export {
  guessMetric,
  type PreparedCurves,
  prepareCurves,
  type ReplayCurve,
  type SkippedCurve,
} from './prepare.js';
export { type ReplayCurvesOptions, replayCurves } from './replay-curves.js';
export {
  formatReplayTable,
  perCurveJsonl,
  perCurveRows,
  type ReplayConfigReport,
  type ReplayReport,
} from './report.js';
export {
  type ReplayConfig,
  type ReplayConfigResult,
  type ReplayMetric,
  type ReplayPluginFactory,
  replayConfig,
} from './run-config.js';
export { nameConfigs, type ReplayConfigInput, type RunReplayOptions, runReplay } from './run-replay.js';
export {
  formatSeedsTable,
  parseSeeds,
  replaySeeds,
  type SeedSummary,
  type SeedsReport,
  type Spread,
  spreadOf,
  summariseSeeds,
} from './seeds.js';
