import { FinishedIndex } from './finished-index.js';
import { ReferenceStandings, standingAt } from './reference-standings.js';
import { CONTINUE, fmt, type RuleContext, type TerminationRule, type Verdict } from './types.js';

/** Where a keep rule starts judging by default, as a fraction of the target. */
export const KEEP_FROM_FRACTION = 0.1;

export interface KeepOptions {
  /** The share of the top trials to keep: 0.9 keeps 90% of them (default 0.9). */
  readonly keep?: number | undefined;
  /** The top trials the promise is about, as a fraction of all trials (default 0.1: the top decile). */
  readonly top?: number | undefined;
  /** Reference trials (trained to the target on purpose, see `fullTraining`) needed before the rule judges (default 10). */
  readonly minTrials?: number | undefined;
  /**
   * Reference trials the level is set from, at least: the top ones and as many next-best as needed. Default
   * ⌈1 / (1 − keep)⌉ − 1 (9 for keep 0.9), the fewest for which an order statistic can promise `keep`; with few
   * references the level is set from more and lower trials, so the rule stops less, never more.
   */
  readonly minTop?: number | undefined;
  /** Points averaged for a trial's standing at an epoch (default 3). */
  readonly smoothing?: number | undefined;
  /**
   * Epochs before which the rule does not judge, and which the level is set from (the spec's `minEpochs` and
   * `minFraction`). Default: from 10% of the target, where ranks have settled (on all five development sets, at
   * keep 0.9, judging from the first epoch kept fewer of the top while saving no more epochs; BENCHMARKS.md).
   */
  readonly from?:
    | { readonly epochs?: number | undefined; readonly fraction?: number | undefined }
    | undefined;
}

/** A share as a percentage with one decimal, for reasons. */
const percent = (share: number): string => `${fmt(Math.round(share * 1000) / 10)}%`;

/** The level a trial's rank must not fall below, and what it was set from (for the stop's reason). */
interface KeepLevel {
  readonly level: number;
  readonly references: number;
  /** Reference trials the level was set from (the top ones, at least `minTop`). */
  readonly tops: number;
  /** Of those, how many never fell below the level. */
  readonly kept: number;
}

/**
 * A promise instead of a threshold: keep `keep` of the top `top` trials and stop as much else as that allows.
 * The level is set online from the reference trials, those trained to the target on purpose (`fullTraining`,
 * an unbiased sample: trials that merely survived a rule are not used, as they would ratchet the level up). For
 * each of the best `top` of them (at least `minTop`) it finds the lowest rank it held among the other references
 * at any judged epoch; the level is the order statistic of those lowest ranks below which a new top trial falls
 * with probability at most 1 − keep. A running trial stops at the first
 * judged epoch its rank among the references falls below the level. The stop reports the latest prediction, or
 * the trial's standing when there is none.
 */
export function keepRule(options: KeepOptions = {}): TerminationRule {
  const where = 'rules.keep';
  const keep = options.keep ?? 0.9;
  const top = options.top ?? 0.1;
  const minTrials = options.minTrials ?? 10;
  const minTop = options.minTop ?? (keep === 1 ? 1 : Math.ceil(1 / (1 - keep) - 1e-9) - 1);
  const smoothing = options.smoothing ?? 3;
  if (!(keep > 0 && keep <= 1))
    throw new RangeError(`${where}.keep: expected a number in (0, 1], got ${keep}`);
  if (!(top > 0 && top < 1)) throw new RangeError(`${where}.top: expected a number in (0, 1), got ${top}`);
  for (const [key, value] of [
    ['minTrials', minTrials],
    ['minTop', minTop],
    ['smoothing', smoothing],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${where}.${key}: expected an integer >= 1, got ${value}`);
  }
  // Either bound given leaves the other at its default: minEpochs adds a floor to the 10% start, it does not replace it.
  const from = { epochs: options.from?.epochs ?? 0, fraction: options.from?.fraction ?? KEEP_FROM_FRACTION };
  const judgedFrom = (target: number) => Math.max(from.epochs, from.fraction * target);

  // The references grow as trials finish (one look at each, their standings sorted per epoch); the level
  // changes only when they do.
  const referencesOf = new FinishedIndex<ReferenceStandings>(
    () => new ReferenceStandings(smoothing),
    (references, trial) => {
      if (trial.complete && trial.protected === true) references.add(trial);
    },
  );
  let cached:
    | { references: ReferenceStandings; count: number; target: number; level: KeepLevel | undefined }
    | undefined;

  function levelOf(references: ReferenceStandings, target: number): KeepLevel | undefined {
    const count = references.members.length;
    if (cached?.references === references && cached.count === count && cached.target === target)
      return cached.level;
    const level = setLevel(references, target);
    cached = { references, count, target, level };
    return level;
  }

  function setLevel(standings: ReferenceStandings, target: number): KeepLevel | undefined {
    const references = standings.members;
    if (references.length < minTrials || keep === 1) return undefined;
    const best = [...references].sort((a, b) => b.final - a.final);
    const tops = best.slice(0, Math.min(best.length, Math.max(minTop, Math.ceil(top * best.length - 1e-9))));
    const first = judgedFrom(target);
    const lowest = tops.map((trial) => {
      let min = 1;
      for (const point of trial.points) {
        if (point.epoch < first - 1e-9 || point.epoch >= target - 1e-9) continue;
        const standing = standingAt(trial.points, point.epoch, smoothing) as number;
        const rank = standings.rank(standing, point.epoch, true);
        if (rank !== undefined && rank < min) min = rank;
      }
      return min;
    });
    lowest.sort((a, b) => a - b);
    // A new top trial's lowest rank falls below the (lost+1)-th smallest of n with probability (lost+1)/(n+1)
    // (exchangeable order statistics): the largest such index that keeps `keep`. None: no level, no stop.
    const lost = Math.floor((1 - keep) * (tops.length + 1) + 1e-9) - 1;
    if (lost < 0) return undefined;
    const level = lowest[lost] as number;
    return {
      level,
      references: references.length,
      tops: tops.length,
      kept: lowest.filter((l) => l >= level).length,
    };
  }

  return {
    name: 'keep',
    decide(context: RuleContext): Verdict {
      const last = context.points[context.points.length - 1];
      if (last === undefined || last.epoch < judgedFrom(context.target) - 1e-9) return CONTINUE;
      const references = referencesOf.of(context.finished);
      const level = levelOf(references, context.target);
      if (level === undefined || level.level <= 0) return CONTINUE;
      const standing = standingAt(context.points, last.epoch, smoothing) as number;
      const rank = references.rank(standing, last.epoch);
      if (rank === undefined || rank >= level.level) return CONTINUE;
      const step = context.steps[context.steps.length - 1];
      const predicted = step?.value != null && step.epoch === last.epoch ? step.value : undefined;
      return {
        stop: true,
        reason:
          `keep: at epoch ${fmt(last.epoch)} its standing ${fmt(context.toMetric(standing))} beats ${percent(rank)} ` +
          `of ${level.references} reference trials, below ${percent(level.level)}, the lowest rank ${level.kept} of ` +
          `the ${level.tops} best references never fell below (keep ${percent(keep)} of the top ${percent(top)})` +
          (predicted === undefined ? '' : `; predicted ${fmt(context.toMetric(predicted))}`),
        ...(predicted === undefined ? { prediction: standing, observed: true } : { prediction: predicted }),
      };
    },
  };
}
