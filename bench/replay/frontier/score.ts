import type { Direction } from '@penguin-nas/core';
import { mean, median } from 'simple-statistics';
import { type CurveOutcome, computeMetrics } from '../../../packages/predictor/src/metrics/index.js';

/** What one replay (one set, one configuration, one seed) scored: the numbers a frontier point is made of. */
export interface PointScore {
  readonly curves: number;
  /** Fraction of the epochs full training would take that were not trained. */
  readonly saved: number;
  /** Recall of the true top 10% among the reported top 10%. */
  readonly top10pct: number;
  /** Recall of the true top 10 among the reported top 10. */
  readonly top10: number;
  /** Whether the best network is ranked first (expected value under ties). */
  readonly best: number;
  /**
   * How far the network ranked first falls short of the true best, in true final value (ALGORITHMS §4's accuracy
   * difference for K = 1): points for accuracies, percent of the best's value for losses. 0 when the best is kept;
   * a miss by 0.04 points and one by 5 points differ here, where `best` counts both as 0.
   */
  readonly bestGap: number;
  /**
   * Error of the value handed to the searcher for stopped trials: absolute, in metric units, for accuracies;
   * relative to the true value (percent) for losses, which have no common scale.
   */
  readonly errorMean: number;
  readonly errorMedian: number;
  readonly spearman: number;
}

/** The errors of stopped trials: absolute (maximised metrics) or percent of the true value (minimised ones). */
export function reportedErrors(outcomes: readonly CurveOutcome[], direction: Direction): number[] {
  const errors: number[] = [];
  for (const o of outcomes) {
    if (!o.converged || o.reported === null || o.true_final === null) continue;
    const error = Math.abs(o.reported - o.true_final);
    const scaled = direction === 'maximize' ? error : (100 * error) / Math.abs(o.true_final);
    if (Number.isFinite(scaled)) errors.push(scaled);
  }
  return errors;
}

/** The best true final value of the outcomes (NaN when none is finite). */
function trueBest(outcomes: readonly CurveOutcome[], direction: Direction): number {
  const finals = outcomes
    .map((o) => o.true_final)
    .filter((v): v is number => v !== null && Number.isFinite(v));
  if (finals.length === 0) return Number.NaN;
  return direction === 'maximize' ? Math.max(...finals) : Math.min(...finals);
}

/** Scores one replay's outcomes. */
export function scoreOutcomes(outcomes: readonly CurveOutcome[], direction: Direction): PointScore {
  const metrics = computeMetrics(outcomes, {
    direction,
    topK: [{ fraction: 0.1 }, { count: 10 }, { count: 1 }],
  });
  const errors = reportedErrors(outcomes, direction);
  const [top10pct, top10, best] = metrics.topK.map((k) => k.recall) as [number, number, number];
  const gap = metrics.topK[2]?.difference ?? Number.NaN;
  return {
    curves: metrics.curves,
    saved: metrics.epochsSaved,
    top10pct,
    top10,
    best,
    bestGap: direction === 'maximize' ? gap : (100 * gap) / Math.abs(trueBest(outcomes, direction)),
    errorMean: errors.length === 0 ? Number.NaN : mean(errors),
    errorMedian: errors.length === 0 ? Number.NaN : median(errors),
    spearman: metrics.spearman,
  };
}

/** A figure over seeds: its mean and its spread (smallest and largest seed). */
export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

export type SeedSummary = { readonly seeds: number } & { readonly [K in keyof PointScore]: Spread };

/** Mean, min and max of every figure over the seeds' scores (NaN figures are left out). */
export function summariseSeeds(scores: readonly PointScore[]): SeedSummary {
  if (scores.length === 0) throw new RangeError('summariseSeeds: expected at least one seed, got none');
  const keys = Object.keys(scores[0] as PointScore) as (keyof PointScore)[];
  const entries = keys.map((key) => {
    const values = scores.map((s) => s[key]).filter(Number.isFinite);
    const spread: Spread =
      values.length === 0
        ? { mean: Number.NaN, min: Number.NaN, max: Number.NaN }
        : {
            mean: mean(values),
            min: Math.min(...values),
            max: Math.max(...values),
          };
    return [key, spread] as const;
  });
  return { seeds: scores.length, ...Object.fromEntries(entries) } as SeedSummary;
}
