import type { ReplayConfig } from '../../../packages/predictor/src/replay/index.js';
import type { DevelopmentSetName } from '../datasets.js';
import type { ScoreCache } from './cache.js';
import { pointName, RULE_FAMILIES, type RuleFamily } from './families.js';
import { type PointScore, type SeedSummary, summariseSeeds } from './score.js';
import { scoreKey } from './sweep.js';

/** One configuration's figures on one set, over the seeds replayed. */
export interface FrontierPoint {
  readonly name: string;
  readonly family: string;
  /** The knob's value (undefined for a candidate default outside the families). */
  readonly knob?: number;
  readonly summary: SeedSummary;
}

/**
 * The seeds' scores of one configuration on one set; undefined unless every seed was replayed. `limit` replaces
 * the set's own curve limit (smaller searches).
 */
export function seedScores(
  cache: ScoreCache,
  set: DevelopmentSetName,
  config: ReplayConfig,
  seeds: readonly number[],
  limit?: number,
): PointScore[] | undefined {
  const scores = seeds.map((seed) => cache.get(scoreKey(set, config, seed, limit)));
  return scores.every((s) => s !== undefined) ? (scores as PointScore[]) : undefined;
}

/** A family's points on one set that every seed replayed, sorted by savings. */
export function familyPoints(
  cache: ScoreCache,
  set: DevelopmentSetName,
  family: RuleFamily,
  seeds: readonly number[],
  limit?: number,
): FrontierPoint[] {
  const points: FrontierPoint[] = [];
  for (const value of family.values) {
    const name = pointName(family, value);
    const scores = seedScores(cache, set, { name, options: family.options(value) }, seeds, limit);
    if (scores) points.push({ name, family: family.name, knob: value, summary: summariseSeeds(scores) });
  }
  return points.sort((a, b) => a.summary.saved.mean - b.summary.saved.mean);
}

/** Every family's points on one set (families without a complete point are left out). */
export function allFamilyPoints(
  cache: ScoreCache,
  set: DevelopmentSetName,
  seeds: readonly number[],
): FrontierPoint[][] {
  return RULE_FAMILIES.map((f) => familyPoints(cache, set, f, seeds)).filter((p) => p.length > 0);
}

/**
 * A family's mean of `figure` at a given savings, interpolated linearly between its two points around it; null
 * when the family never saves that much (or always saves more), so it cannot be compared there.
 */
export function valueAtSavings(
  points: readonly FrontierPoint[],
  saved: number,
  figure: 'top10pct' | 'top10' | 'best',
): number | null {
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as FrontierPoint;
    const b = points[i + 1] as FrontierPoint;
    const [xa, xb] = [a.summary.saved.mean, b.summary.saved.mean];
    if (saved < xa - 1e-9 || saved > xb + 1e-9) continue;
    const t = xb - xa < 1e-12 ? 0 : (saved - xa) / (xb - xa);
    return a.summary[figure].mean + t * (b.summary[figure].mean - a.summary[figure].mean);
  }
  const only = points.length === 1 ? points[0] : undefined;
  return only && Math.abs(only.summary.saved.mean - saved) < 1e-9 ? only.summary[figure].mean : null;
}
