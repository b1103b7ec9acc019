import type { Direction } from '@penguin-nas/core';
import { sampleRankCorrelation } from 'simple-statistics';

/**
 * Higher-is-better scores: the value when maximising, its negation when minimising. Values that are not finite
 * (null, NaN, ±Infinity: a failed or diverged trial) are the worst possible and tie with each other.
 */
export function rankScores(values: readonly (number | null)[], direction: Direction): number[] {
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return Number.NEGATIVE_INFINITY;
    return direction === 'maximize' ? v : -v;
  });
}

/**
 * For each item, the probability that it is among the best `k` by score when ties at the boundary are broken
 * uniformly at random. Strictly better than the k-th score: 1; tied with it: the free places shared among the
 * tied items; worse: 0. The probabilities sum to `k`, and the result does not depend on the input order.
 */
export function topKMembership(scores: readonly number[], k: number): number[] {
  if (!Number.isInteger(k) || k < 1 || k > scores.length)
    throw new RangeError(`topKMembership: expected an integer k in [1, ${scores.length}], got ${k}`);
  const sorted = [...scores].sort((a, b) => (a === b ? 0 : a > b ? -1 : 1));
  const boundary = sorted[k - 1] as number;
  let better = 0;
  let tied = 0;
  for (const s of scores) {
    if (s > boundary) better++;
    else if (s === boundary) tied++;
  }
  const share = (k - better) / tied;
  return scores.map((s) => (s > boundary ? 1 : s === boundary ? share : 0));
}

/** Scores with the non-finite ones replaced by a finite value below every finite score (ranks unchanged). */
function finiteRankable(scores: readonly number[]): number[] {
  let min = Number.POSITIVE_INFINITY;
  for (const s of scores) if (Number.isFinite(s) && s < min) min = s;
  const worst = Number.isFinite(min) ? min - 1 : 0;
  return scores.map((s) =>
    Number.isFinite(s) ? s : s === Number.POSITIVE_INFINITY ? Number.MAX_VALUE : worst,
  );
}

/** Spearman's ρ (Pearson correlation of mid-ranks, so ties are fair); NaN when fewer than 2 items or no variance. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length)
    throw new RangeError(`spearman: expected equal lengths, got ${x.length} and ${y.length}`);
  if (x.length < 2) return Number.NaN;
  const rx = finiteRankable(x);
  const ry = finiteRankable(y);
  const constant = (v: number[]) => v.every((e) => e === v[0]);
  if (constant(rx) || constant(ry)) return Number.NaN;
  return sampleRankCorrelation(rx, ry);
}

/**
 * Kendall's τ-b, which corrects for ties in either ranking: (C − D) / √((n₀ − n₁)(n₀ − n₂)).
 * O(n²) pairs, fine for the few thousand curves of a replay. NaN when fewer than 2 items or one side all tied.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length)
    throw new RangeError(`kendallTauB: expected equal lengths, got ${x.length} and ${y.length}`);
  const n = x.length;
  if (n < 2) return Number.NaN;
  const rx = finiteRankable(x);
  const ry = finiteRankable(y);
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    const xi = rx[i] as number;
    const yi = ry[i] as number;
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(xi - (rx[j] as number));
      const dy = Math.sign(yi - (ry[j] as number));
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiesX) * (pairs - tiesY));
  return denominator === 0 ? Number.NaN : (concordant - discordant) / denominator;
}
