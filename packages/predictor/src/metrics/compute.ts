import { mean, median, quantile } from 'simple-statistics';
import { assertOutcomes, type CurveOutcome, finiteOrNaN, type MetricsOptions } from './outcome.js';
import { kendallTauB, rankScores, spearman, topKMembership } from './ranking.js';

/** Which top-K to score: a fixed count (`{ count: 10 }`) or a fraction of the curves (`{ fraction: 0.1 }`). */
export type TopKSpec = { readonly count: number } | { readonly fraction: number };

/**
 * K = 10, 10% and 20% of the curves, as ALGORITHMS §4 asks, and K = 1: whether the network ranked first is the true
 * best (its recall) and how far below the best it ends (its accuracy difference), the figure a searcher that keeps
 * one network lives by.
 */
export const DEFAULT_TOP_K: readonly TopKSpec[] = [
  { count: 10 },
  { fraction: 0.1 },
  { fraction: 0.2 },
  { count: 1 },
];

export interface TopKResult {
  /** `top-10`, `top-10%`… */
  readonly label: string;
  /** The K used (clipped to the number of curves; a fraction q gives `topKCount`: max(1, ⌊q·n⌋)). */
  readonly k: number;
  /** |true top-K ∩ reported top-K| / K, ties at the boundary broken uniformly at random (expected value). */
  readonly recall: number;
  /** |mean true final of the true top-K − mean true final of the reported top-K| (metric units). */
  readonly difference: number;
}

export interface ErrorSummary {
  /** Converged trials with a finite prediction and a finite true final value. */
  readonly count: number;
  /** Absolute errors |prediction − true final|; NaN when count is 0. */
  readonly mean: number;
  readonly median: number;
  /** 90th percentile, linear interpolation (numpy's default). */
  readonly p90: number;
}

/** The metrics of ALGORITHMS §4 for one configuration over one set of curves. */
export interface ReplayMetrics {
  readonly curves: number;
  /** Σ epochs trained with the predictor. */
  readonly epochsTrained: number;
  /** Σ epochs the NAS would train alone. */
  readonly baselineEpochs: number;
  /** 1 − epochsTrained / baselineEpochs. */
  readonly epochsSaved: number;
  /** Mean over curves of 1 − trained / full. */
  readonly meanEpochsSavedPerCurve: number;
  /** baselineEpochs / epochsTrained = 1 / (1 − epochsSaved). */
  readonly throughputGain: number;
  readonly convergedFraction: number;
  /** |reported − true final| over the stopped trials: the error of the value handed to the searcher. */
  readonly predictionError: ErrorSummary;
  /**
   * For minimised metrics (losses): |ln reported − ln true final| over stopped trials where both are positive, a
   * scale-free error that one diverged curve cannot dominate (0.1 ≈ 10% off). Absent when maximising.
   */
  readonly logError?: ErrorSummary;
  readonly topK: readonly TopKResult[];
  /** Rank correlation between reported and true final fitness (direction-aware; non-finite values rank worst). */
  readonly spearman: number;
  readonly kendall: number;
  /** The probabilistic stops' chances against what happened; absent when no stop had one. */
  readonly stopChances?: StopChances;
}

/**
 * How honest the probabilistic stops were: of the trials stopped because P(final reaches a threshold) was small,
 * how many the rule expected to reach it (the sum of their probabilities) and how many did (true final at or beyond
 * the threshold). Reached well above expected means the probabilities were overconfident: `delta` = 0.05 then
 * loses more than 5% of the trials it stops that would have reached the threshold.
 */
export interface StopChances {
  /** Stopped trials with a chance and a finite true final. */
  readonly stops: number;
  /** Σ of their probabilities. */
  readonly expected: number;
  /** How many of them reached their threshold. */
  readonly reached: number;
}

export interface ComputeMetricsOptions extends MetricsOptions {
  readonly topK?: readonly TopKSpec[];
}

/**
 * K for the top fraction q of n curves, as ALGORITHMS §4 defines it: max(1, ⌊q·n⌋), at most n. The one definition
 * the replay, the bench scripts and the docs use.
 */
export function topKCount(fraction: number, n: number): number {
  return Math.max(1, Math.min(n, Math.floor(fraction * n + 1e-9)));
}

function resolveK(spec: TopKSpec, n: number, at: string): { k: number; label: string } {
  if ('count' in spec) {
    if (!Number.isInteger(spec.count) || spec.count < 1)
      throw new RangeError(`${at}.count: expected an integer >= 1, got ${spec.count}`);
    return { k: Math.min(spec.count, n), label: `top-${spec.count}` };
  }
  if (!(spec.fraction > 0 && spec.fraction <= 1))
    throw new RangeError(`${at}.fraction: expected a number in (0, 1], got ${spec.fraction}`);
  const percent = Math.round(spec.fraction * 1000) / 10;
  return { k: topKCount(spec.fraction, n), label: `top-${percent}%` };
}

function summariseErrors(errors: number[]): ErrorSummary {
  if (errors.length === 0) return { count: 0, mean: Number.NaN, median: Number.NaN, p90: Number.NaN };
  return { count: errors.length, mean: mean(errors), median: median(errors), p90: quantile(errors, 0.9) };
}

function topKResult(
  spec: TopKSpec,
  index: number,
  trueScores: number[],
  reportedScores: number[],
  trueValues: number[],
): TopKResult {
  const { k, label } = resolveK(spec, trueScores.length, `topK[${index}]`);
  const inTrue = topKMembership(trueScores, k);
  const inReported = topKMembership(reportedScores, k);
  let overlap = 0;
  let finiteGap = 0;
  // Curves whose true value is not finite (diverged) are all equally the worst: their weights cancel between
  // the two top-Ks, and what is left makes the difference infinite, reported honestly rather than hidden.
  let worstWeight = 0;
  for (let i = 0; i < trueScores.length; i++) {
    const pTrue = inTrue[i] as number;
    const pReported = inReported[i] as number;
    overlap += pTrue * pReported;
    const value = trueValues[i] as number;
    if (Number.isFinite(value)) finiteGap += (pTrue - pReported) * value;
    else worstWeight += pTrue - pReported;
  }
  const difference = Math.abs(worstWeight) > 1e-9 ? Number.POSITIVE_INFINITY : Math.abs(finiteGap) / k;
  return { label, k, recall: overlap / k, difference };
}

/**
 * Computes the metrics of ALGORITHMS §4 from per-curve outcomes. Rankings follow `direction` (losses are
 * minimised); a non-finite reported or true value ranks worst; ties are scored by their expected value.
 */
export function computeMetrics(
  outcomes: readonly CurveOutcome[],
  options: ComputeMetricsOptions,
): ReplayMetrics {
  assertOutcomes(outcomes);
  const { direction } = options;
  if (direction !== 'maximize' && direction !== 'minimize')
    throw new TypeError(`direction: expected 'maximize' or 'minimize', got ${JSON.stringify(direction)}`);
  const n = outcomes.length;
  if (n === 0) throw new RangeError('outcomes: expected at least one curve, got none');

  let epochsTrained = 0;
  let baselineEpochs = 0;
  let ratioSum = 0;
  let converged = 0;
  const errors: number[] = [];
  const logErrors: number[] = [];
  for (const o of outcomes) {
    epochsTrained += o.epochs_trained;
    baselineEpochs += o.full_epochs;
    ratioSum += 1 - o.epochs_trained / o.full_epochs;
    if (o.converged) {
      converged++;
      const error = Math.abs(finiteOrNaN(o.reported) - finiteOrNaN(o.true_final));
      if (Number.isFinite(error)) errors.push(error);
      const logError = Math.abs(Math.log(finiteOrNaN(o.reported)) - Math.log(finiteOrNaN(o.true_final)));
      if (Number.isFinite(logError)) logErrors.push(logError);
    }
  }

  const trueScores = rankScores(
    outcomes.map((o) => o.true_final),
    direction,
  );
  const reportedScores = rankScores(
    outcomes.map((o) => o.reported),
    direction,
  );
  const trueValues = outcomes.map((o) => finiteOrNaN(o.true_final));
  const specs = options.topK ?? DEFAULT_TOP_K;
  const topK = specs.map((spec, i) => topKResult(spec, i, trueScores, reportedScores, trueValues));

  const chances = stopChances(outcomes, direction);
  return {
    curves: n,
    epochsTrained,
    baselineEpochs,
    epochsSaved: 1 - epochsTrained / baselineEpochs,
    meanEpochsSavedPerCurve: ratioSum / n,
    throughputGain: epochsTrained === 0 ? Number.POSITIVE_INFINITY : baselineEpochs / epochsTrained,
    convergedFraction: converged / n,
    predictionError: summariseErrors(errors),
    ...(direction === 'minimize' ? { logError: summariseErrors(logErrors) } : {}),
    topK,
    spearman: spearman(reportedScores, trueScores),
    kendall: kendallTauB(reportedScores, trueScores),
    ...(chances === undefined ? {} : { stopChances: chances }),
  };
}

/** `StopChances` of the outcomes, or undefined when none was stopped with a chance. */
export function stopChances(
  outcomes: readonly CurveOutcome[],
  direction: MetricsOptions['direction'],
): StopChances | undefined {
  let stops = 0;
  let expected = 0;
  let reached = 0;
  for (const o of outcomes) {
    const p = o.stop_probability;
    const threshold = o.stop_threshold;
    const truth = finiteOrNaN(o.true_final);
    if (p === undefined || threshold === undefined || !Number.isFinite(truth)) continue;
    stops++;
    expected += p;
    if (direction === 'maximize' ? truth >= threshold : truth <= threshold) reached++;
  }
  return stops === 0 ? undefined : { stops, expected, reached };
}
