export {
  DEFAULT_WEIGHTING,
  type EnsembleMember,
  type EnsembleOptions,
  type EnsembleResult,
  type EnsembleWeighting,
  fitEnsemble,
} from './ensemble.js';
export {
  badInput,
  badOptions,
  FIT_DEFAULTS,
  type FitOptions,
  type FitResult,
  fitCurve,
} from './fit-curve.js';
export { detectScale, type ScoreTransform, scoreTransform } from './transform.js';
