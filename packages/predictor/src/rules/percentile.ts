import { percentileOfSorted } from './asha.js';
import { FinishedIndex, insertSorted, sortedIndex } from './finished-index.js';
import { CONTINUE, fmt, type RuleContext, type TerminationRule, type Verdict } from './types.js';

/** When a rule judges: after `minEpochs`, then at the first point of every `interval` epochs (Optuna's steps). */
export interface JudgingSchedule {
  /** Optuna's `n_warmup_steps`: no stop before this epoch (default 0). */
  readonly minEpochs?: number | undefined;
  /** Optuna's `interval_steps`: judge at the first point in each interval of this many epochs (default 1). */
  readonly interval?: number | undefined;
}

function assertSchedule(where: string, schedule: JudgingSchedule): { minEpochs: number; interval: number } {
  const minEpochs = schedule.minEpochs ?? 0;
  const interval = schedule.interval ?? 1;
  if (!(Number.isFinite(minEpochs) && minEpochs >= 0))
    throw new RangeError(`${where}.minEpochs: expected a number >= 0, got ${minEpochs}`);
  if (!(Number.isFinite(interval) && interval > 0))
    throw new RangeError(`${where}.interval: expected a number > 0, got ${interval}`);
  return { minEpochs, interval };
}

/** Optuna's `_is_first_in_interval_step`: the previous point lies before the latest judging epoch. */
function judgesNow(context: RuleContext, minEpochs: number, interval: number): boolean {
  const last = context.points[context.points.length - 1];
  if (last === undefined || last.epoch < minEpochs - 1e-9) return false;
  const judging = Math.floor((last.epoch - minEpochs) / interval + 1e-9) * interval + minEpochs;
  const previous = context.points[context.points.length - 2]?.epoch ?? -1;
  return previous < judging - 1e-9;
}

export interface PercentileOptions extends JudgingSchedule {
  /** Keep the top `percentile`% (0–100): stop a trial whose best value is below that share of completed trials. */
  readonly percentile: number;
  /** Optuna's `n_startup_trials`: completed trials needed before the rule judges (default 5). */
  readonly minTrials?: number | undefined;
  /** Optuna's `n_min_trials`: completed trials with a value at this very epoch needed to judge (default 1). */
  readonly minTrialsAtEpoch?: number | undefined;
  /**
   * Compare with the most recent `recent` completed trials only (default: all of them, as Optuna does). A search
   * that improves as it goes (evolution, a hill climber) makes most of its new trials better than its early ones;
   * against all completed trials it would keep nearly every trial, against its recent ones it judges the current
   * generation.
   */
  readonly recent?: number | undefined;
}

/** An epoch as a key: epochs within a nanoepoch of each other are the same epoch. */
function epochKey(epoch: number): number {
  return Math.round(epoch * 1e9);
}

/** What completed trials had at each epoch (ascending), and how many trials completed in all. */
interface CompletedValues {
  count: number;
  readonly values: Map<number, number[]>;
  /** The completed trials the values hold, oldest first, as (epoch key, value) pairs. */
  readonly held: [number, number][][];
}

/**
 * What completed trials (trained to the target) had at each epoch, ascending (a trial's first point at an epoch
 * counts), kept as trials finish: a decision reads one sorted list instead of scanning every completed curve. With
 * `recent`, only the most recent `recent` completed trials are held (an older one's values leave as a new one comes).
 */
function completedByEpoch(recent: number | undefined): FinishedIndex<CompletedValues> {
  return new FinishedIndex<CompletedValues>(
    () => ({ count: 0, values: new Map(), held: [] }),
    (index, trial) => {
      if (!trial.complete) return;
      index.count++;
      const seen = new Set<number>();
      const pairs: [number, number][] | undefined = recent === undefined ? undefined : [];
      for (const point of trial.points) {
        const key = epochKey(point.epoch);
        if (seen.has(key)) continue;
        seen.add(key);
        let values = index.values.get(key);
        if (values === undefined) {
          values = [];
          index.values.set(key, values);
        }
        insertSorted(values, point.value);
        pairs?.push([key, point.value]);
      }
      if (recent === undefined || pairs === undefined) return;
      index.held.push(pairs);
      if (index.held.length <= recent) return;
      for (const [key, value] of index.held.shift() as [number, number][]) {
        const values = index.values.get(key) as number[];
        values.splice(sortedIndex(values, value, false), 1);
      }
    },
  );
}

/**
 * Optuna's `PercentilePruner`: keep the top `percentile`%. A trial stops when its best value so far is worse than
 * the value separating the top `percentile`% of what completed trials (trained to the target) had at the same
 * epoch (numpy's linear interpolation). `percentile: 50` is Optuna's `MedianPruner`. Reports the last value.
 */
export function percentileRule(options: PercentileOptions): TerminationRule {
  const where = 'rules.percentile';
  const { percentile } = options;
  const minTrials = options.minTrials ?? 5;
  const minTrialsAtEpoch = options.minTrialsAtEpoch ?? 1;
  if (!(percentile >= 0 && percentile <= 100))
    throw new RangeError(`${where}.percentile: expected a number in [0, 100], got ${percentile}`);
  for (const [key, value] of [
    ['minTrials', minTrials],
    ['minTrialsAtEpoch', minTrialsAtEpoch],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${where}.${key}: expected an integer >= 1, got ${value}`);
  }
  const { recent } = options;
  if (recent !== undefined && !(Number.isInteger(recent) && recent >= 1))
    throw new RangeError(`${where}.recent: expected an integer >= 1, got ${recent}`);
  const { minEpochs, interval } = assertSchedule(where, options);
  const completedValues = completedByEpoch(recent);
  return {
    name: 'percentile',
    decide(context: RuleContext): Verdict {
      const completed = completedValues.of(context.finished);
      if (completed.count === 0 || completed.count < minTrials) return CONTINUE;
      if (!judgesNow(context, minEpochs, interval)) return CONTINUE;
      const last = context.points[context.points.length - 1] as RuleContext['points'][number];
      const atEpoch = completed.values.get(epochKey(last.epoch)) ?? [];
      if (atEpoch.length < minTrialsAtEpoch) return CONTINUE;
      // Scores are higher-is-better: the top `percentile`% lie above the (100 − percentile)th percentile.
      const threshold = percentileOfSorted(atEpoch, 100 - percentile);
      let best = Number.NEGATIVE_INFINITY;
      for (const p of context.points) if (p.value > best) best = p.value;
      if (best >= threshold) return CONTINUE;
      return {
        stop: true,
        reason:
          `percentile: best ${fmt(context.toMetric(best))} is outside the top ${fmt(percentile)}% (worse than ` +
          `${fmt(context.toMetric(threshold))}) of ${atEpoch.length} ${recent === undefined ? '' : 'recent '}completed trials at epoch ${fmt(last.epoch)}; reporting the last value`,
        prediction: last.value,
        observed: true,
      };
    },
  };
}

export interface ThresholdOptions extends JudgingSchedule {
  /** Stop when the latest value (metric units) is below this. */
  readonly lower?: number | undefined;
  /** Stop when the latest value (metric units) is above this. */
  readonly upper?: number | undefined;
}

/** Optuna's `ThresholdPruner`: stop when the latest value leaves [lower, upper] (metric units). Reports it. */
export function thresholdRule(options: ThresholdOptions): TerminationRule {
  const where = 'rules.threshold';
  const { lower, upper } = options;
  if (lower === undefined && upper === undefined)
    throw new RangeError(`${where}: expected lower, upper or both, got neither`);
  for (const [key, value] of [
    ['lower', lower],
    ['upper', upper],
  ] as const) {
    if (value !== undefined && Number.isNaN(value))
      throw new RangeError(`${where}.${key}: expected a number, got ${value}`);
  }
  if (lower !== undefined && upper !== undefined && !(lower <= upper))
    throw new RangeError(`${where}: expected lower <= upper, got lower ${lower} and upper ${upper}`);
  const { minEpochs, interval } = assertSchedule(where, options);
  return {
    name: 'threshold',
    decide(context: RuleContext): Verdict {
      if (!judgesNow(context, minEpochs, interval)) return CONTINUE;
      const last = context.points[context.points.length - 1] as RuleContext['points'][number];
      const value = context.toMetric(last.value);
      const below = lower !== undefined && value < lower;
      if (!below && !(upper !== undefined && value > upper)) return CONTINUE;
      const bound = below
        ? `below the lower bound ${fmt(lower as number)}`
        : `above the upper bound ${fmt(upper as number)}`;
      return {
        stop: true,
        reason: `threshold: value ${fmt(value)} at epoch ${fmt(last.epoch)} is ${bound}; reporting the last value`,
        prediction: last.value,
        observed: true,
      };
    },
  };
}
