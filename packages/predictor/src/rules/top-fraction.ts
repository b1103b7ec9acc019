import { errorFunction } from 'simple-statistics';
import { FinishedIndex, insertSorted } from './finished-index.js';
import {
  CONTINUE,
  calibratedNote,
  type FinishedTrialInfo,
  familiesOf,
  fmt,
  type RuleContext,
  type TerminationRule,
  type Verdict,
} from './types.js';

export interface TopFractionOptions {
  /** The top fraction of finished trials a trial must be able to reach (0 = the best so far, as Domhan et al.; default 0.2). */
  readonly fraction?: number | undefined;
  /** Stop when P(final >= threshold) < delta (default 0.05). */
  readonly delta?: number | undefined;
  /** Finished trials needed before the rule judges (default 10). */
  readonly minTrials?: number | undefined;
  /**
   * A floor on the prediction's uncertainty, metric units (default 0). A prediction without an uncertainty
   * (a single curve family, no calibration yet) is judged only when this is > 0.
   */
  readonly minSpread?: number | undefined;
  /** Points needed before the first fit (default 3). */
  readonly fitFrom?: number | undefined;
}

/** Standard normal cumulative distribution. */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/** The value at the upper `fraction` of the scores (fraction 0: the maximum). */
export function topThreshold(scores: readonly number[], fraction: number): number {
  const sorted = [...scores].sort((a, b) => b - a);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] as number;
}

/** The finished trials' finals, ascending, kept sorted as trials finish (one insertion each). */
const sortedFinals = new FinishedIndex<number[]>(
  () => [],
  (sorted, trial) => insertSorted(sorted, trial.final),
);

/** `topThreshold` of the finished trials' finals without sorting them again at every decision. */
function thresholdOf(finished: readonly FinishedTrialInfo[], fraction: number): number {
  const ascending = sortedFinals.of(finished);
  const index = Math.min(ascending.length - 1, Math.max(0, Math.ceil(fraction * ascending.length) - 1));
  return ascending[ascending.length - 1 - index] as number;
}

/**
 * Domhan et al.'s probabilistic rule, generalised: stop a trial when the probability that its final value
 * reaches the threshold of the current top `fraction` of finished trials is below `delta`. The probability
 * comes from the latest prediction and its spread (normal), with a floor on the spread.
 */
export function topFractionRule(options: TopFractionOptions = {}): TerminationRule {
  const fraction = options.fraction ?? 0.2;
  const delta = options.delta ?? 0.05;
  const minTrials = options.minTrials ?? 10;
  const minSpread = options.minSpread ?? 0;
  const fitFrom = options.fitFrom ?? 3;
  const where = 'rules.top-fraction';
  if (!(fraction >= 0 && fraction < 1))
    throw new RangeError(`${where}.fraction: expected a number in [0, 1), got ${fraction}`);
  if (!(delta > 0 && delta < 1))
    throw new RangeError(`${where}.delta: expected a number in (0, 1), got ${delta}`);
  if (!Number.isInteger(minTrials) || minTrials < 1) {
    throw new RangeError(`${where}.minTrials: expected an integer >= 1, got ${minTrials}`);
  }
  if (!(minSpread >= 0)) throw new RangeError(`${where}.minSpread: expected a number >= 0, got ${minSpread}`);
  return {
    name: 'top-fraction',
    fitFrom,
    decide(context: RuleContext): Verdict {
      if (context.finished.length < minTrials) return CONTINUE;
      const last = context.steps[context.steps.length - 1];
      const lastPoint = context.points[context.points.length - 1];
      if (last?.value == null || lastPoint === undefined || last.epoch !== lastPoint.epoch) return CONTINUE;
      if (last.spread === null && minSpread === 0) return CONTINUE;
      const threshold = thresholdOf(context.finished, fraction);
      const spread = Math.max(last.spread ?? 0, minSpread);
      if (spread === 0 && last.value >= threshold) return CONTINUE;
      const probability = spread === 0 ? 0 : 1 - normalCdf((threshold - last.value) / spread);
      if (probability >= delta) return CONTINUE;
      const top = fraction === 0 ? 'the best' : `the top ${fmt(fraction * 100)}%`;
      return {
        stop: true,
        reason:
          `top-fraction: P(final reaches ${fmt(context.toMetric(threshold))}, ${top} of ${context.finished.length} finished trials) = ` +
          `${fmt(probability)} < ${fmt(delta)}; predicted ${fmt(context.toMetric(last.value))} ± ${fmt(spread)} ` +
          `(${familiesOf(last)}${calibratedNote(last)}) at epoch ${fmt(context.target)}`,
        prediction: last.value,
        chance: { probability, threshold },
      };
    },
  };
}
