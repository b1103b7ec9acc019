import { FinishedIndex, lastIndexAtOrBefore, RunningMedian } from './finished-index.js';
import { NOISE_WINDOW_STEPS, stepNoise } from './step-noise.js';
import {
  CONTINUE,
  type FinishedTrialInfo,
  fmt,
  type RuleContext,
  type TerminationRule,
  type Verdict,
} from './types.js';

function assertPositiveInteger(where: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${where}: expected an integer >= ${min}, got ${value}`);
  }
}

/** The null rule: never stops (the baseline "no termination"). */
export function neverStop(): TerminationRule {
  return { name: 'never', decide: () => CONTINUE };
}

export interface TruncationOptions {
  /** Stop every trial once it has trained this fraction of the target epochs (0 < fraction <= 1). */
  readonly fraction: number;
}

/**
 * Truncation: stop every trial after a fixed fraction of its epochs and report its last value as the
 * prediction. A predictor that cannot beat this at equal savings is not earning its keep.
 */
export function truncation(options: TruncationOptions): TerminationRule {
  const { fraction } = options;
  if (!(fraction > 0 && fraction <= 1)) {
    throw new RangeError(`rules.truncation.fraction: expected a number in (0, 1], got ${fraction}`);
  }
  return {
    name: 'truncation',
    decide(context: RuleContext): Verdict {
      const last = context.points[context.points.length - 1];
      if (last === undefined || last.epoch < fraction * context.target - 1e-9) return CONTINUE;
      return {
        stop: true,
        reason: `truncation: trained ${fmt(last.epoch)} of ${fmt(context.target)} epochs (fraction ${fmt(fraction)}); reporting the last value ${fmt(context.toMetric(last.value))}`,
        prediction: last.value,
        observed: true,
      };
    },
  };
}

export interface MetricPatienceOptions {
  /** Validation points without improvement before stopping (>= 1). */
  readonly patience: number;
  /** The smallest gain (metric units) that counts as an improvement (default 0). */
  readonly minDelta?: number | undefined;
}

/** Classic early stopping: stop when the best value has not improved for `patience` points; report the best. */
export function metricPatience(options: MetricPatienceOptions): TerminationRule {
  const { patience } = options;
  const minDelta = options.minDelta ?? 0;
  assertPositiveInteger('rules.patience.patience', patience, 1);
  if (!(minDelta >= 0))
    throw new RangeError(`rules.patience.minDelta: expected a number >= 0, got ${minDelta}`);
  return {
    name: 'patience',
    decide(context: RuleContext): Verdict {
      const { points } = context;
      if (points.length <= patience) return CONTINUE;
      let best = Number.NEGATIVE_INFINITY;
      let bestIndex = -1;
      points.forEach((p, i) => {
        if (p.value > best + minDelta) {
          best = p.value;
          bestIndex = i;
        }
      });
      const since = points.length - 1 - bestIndex;
      if (since < patience) return CONTINUE;
      return {
        stop: true,
        reason: `patience: no improvement over ${fmt(context.toMetric(best))} for ${since} points (patience ${patience}); reporting the best value`,
        prediction: best,
        observed: true,
      };
    },
  };
}

export interface MedianStoppingOptions {
  /** Finished trials that must reach this epoch before the rule judges (default 5). */
  readonly minTrials?: number | undefined;
  /**
   * Stop only when the best value trails the median by more than `margin` × the trial's step noise (a robust
   * estimate from its last 10 steps, see `stepNoise`); default 0, Vizier's rule. A trial whose gap to the median
   * is within a few of its own typical steps may still close it; one that trails by many cannot by chance.
   */
  readonly margin?: number | undefined;
  /** No stop before this epoch (default 0). @deprecated wrap the rule in `minEpochs(rule, { epochs })`. */
  readonly minEpoch?: number | undefined;
}

/** Running sums of each finished trial's points (sum of the first i + 1 values, added in order). */
const prefixSums = new WeakMap<FinishedTrialInfo, Float64Array>();

function prefixOf(trial: FinishedTrialInfo): Float64Array {
  let sums = prefixSums.get(trial);
  if (sums === undefined) {
    sums = new Float64Array(trial.points.length);
    let sum = 0;
    trial.points.forEach((p, i) => {
      sum += p.value;
      (sums as Float64Array)[i] = sum;
    });
    prefixSums.set(trial, sums);
  }
  return sums;
}

/** The mean of a finished trial's values up to `epoch`, when it reached that epoch. */
function runningMeanAt(trial: FinishedTrialInfo, epoch: number): number | undefined {
  const reached = trial.points[trial.points.length - 1];
  if (reached === undefined || reached.epoch < epoch) return undefined;
  const index = lastIndexAtOrBefore(trial.points, epoch);
  return index < 0 ? undefined : (prefixOf(trial)[index] as number) / (index + 1);
}

/**
 * Per finished-trials list, a running median of the running means at each epoch a rule asked about: a finishing
 * trial adds its mean to every such epoch (O(log n) each), so no decision rescans all finished trials.
 */
const medians = new FinishedIndex<Map<number, RunningMedian>>(
  () => new Map(),
  (byEpoch, trial) => {
    for (const [epoch, median] of byEpoch) {
      const mean = runningMeanAt(trial, epoch);
      if (mean !== undefined) median.add(mean);
    }
  },
);

function medianOfRunningMeans(
  finished: readonly FinishedTrialInfo[],
  epoch: number,
): { value: number; count: number } | undefined {
  const byEpoch = medians.of(finished);
  let median = byEpoch.get(epoch);
  if (median === undefined) {
    median = new RunningMedian();
    for (const trial of finished) {
      const mean = runningMeanAt(trial, epoch);
      if (mean !== undefined) median.add(mean);
    }
    byEpoch.set(epoch, median);
  }
  return median.count > 0 ? { value: median.median, count: median.count } : undefined;
}

/**
 * Median stopping (Google Vizier; NNI and Optuna have variants): stop a trial whose best value so far is
 * below the median of finished trials' running means up to the same epoch (with `margin`, below it by more than
 * `margin` × the trial's step noise). Reports its best value.
 */
export function medianStopping(options: MedianStoppingOptions = {}): TerminationRule {
  const minTrials = options.minTrials ?? 5;
  const minEpoch = options.minEpoch ?? 0;
  const margin = options.margin ?? 0;
  assertPositiveInteger('rules.median.minTrials', minTrials, 1);
  if (!(minEpoch >= 0))
    throw new RangeError(`rules.median.minEpoch: expected a number >= 0, got ${minEpoch}`);
  if (!(margin >= 0 && Number.isFinite(margin)))
    throw new RangeError(`rules.median.margin: expected a finite number >= 0, got ${margin}`);
  return {
    name: 'median',
    decide(context: RuleContext): Verdict {
      const last = context.points[context.points.length - 1];
      if (last === undefined || last.epoch < minEpoch) return CONTINUE;
      const median = medianOfRunningMeans(context.finished, last.epoch);
      if (median === undefined || median.count < minTrials) return CONTINUE;
      const { value: med, count } = median;
      let best = Number.NEGATIVE_INFINITY;
      for (const p of context.points) if (p.value > best) best = p.value;
      if (best >= med) return CONTINUE;
      let beyond = '';
      if (margin > 0) {
        // Too few steps to tell the noise: the rule waits rather than stop on a gap it cannot size.
        const noise = stepNoise(context.points);
        if (noise === undefined || med - best <= margin * noise) return CONTINUE;
        beyond = ` by ${fmt(med - best)}, more than ${fmt(margin)} × its step noise ${fmt(noise)} (last ${NOISE_WINDOW_STEPS} steps)`;
      }
      return {
        stop: true,
        reason: `median: best ${fmt(context.toMetric(best))} is worse than the median ${fmt(context.toMetric(med))} of ${count} finished trials' running means at epoch ${fmt(last.epoch)}${beyond}`,
        prediction: best,
        observed: true,
      };
    },
  };
}
