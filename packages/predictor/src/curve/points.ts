import type { Direction, EpochLogs } from '@penguin-nas/core';

/** One usable validation point of one metric. */
export interface CurvePoint {
  readonly epoch: number;
  readonly value: number;
}

/** What `cleanCurve` removed, so a reason can say why a curve has fewer points than logs. */
export interface CurveCleaning {
  /** Points whose epoch or value was missing, `null`, `NaN` or infinite. */
  readonly nonFinite: number;
  /** Points whose epoch had been seen already (the later value wins). */
  readonly repeated: number;
  /** Whether the epochs arrived out of order (they are sorted). */
  readonly reordered: boolean;
}

export interface CleanCurve {
  readonly points: readonly CurvePoint[];
  readonly cleaning: CurveCleaning;
}

/**
 * The finite points of one metric, sorted by epoch, one per epoch (a repeated epoch keeps its last value).
 * Never throws: whatever the logs hold, the result is a (possibly empty) clean curve.
 */
export function cleanCurve(logs: readonly EpochLogs[], metric: string): CleanCurve {
  const byEpoch = new Map<number, number>();
  let nonFinite = 0;
  let repeated = 0;
  let reordered = false;
  let lastEpoch = Number.NEGATIVE_INFINITY;
  for (const entry of logs) {
    const epoch = entry?.epoch;
    const value = entry?.[metric];
    if (
      typeof epoch !== 'number' ||
      !Number.isFinite(epoch) ||
      typeof value !== 'number' ||
      !Number.isFinite(value)
    ) {
      nonFinite++;
      continue;
    }
    if (byEpoch.has(epoch)) repeated++;
    else if (epoch < lastEpoch) reordered = true;
    lastEpoch = Math.max(lastEpoch, epoch);
    byEpoch.set(epoch, value);
  }
  const points = [...byEpoch.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([epoch, value]) => ({ epoch, value }));
  return { points, cleaning: { nonFinite, repeated, reordered } };
}

/** Words in a metric's name that mean "lower is better". */
const LOWER_IS_BETTER = /loss|err|perplexity|mse|mae|rmse|regret/i;

/** `minimize` for names that look like a loss or an error (`val_loss`, `valid_error`…), else `maximize`. */
export function guessDirection(metric: string): Direction {
  return LOWER_IS_BETTER.test(metric) ? 'minimize' : 'maximize';
}

/** +1 when larger is better, -1 when smaller is better: `score = sign * value` is always "higher is better". */
export function directionSign(direction: Direction): 1 | -1 {
  return direction === 'maximize' ? 1 : -1;
}

/** The same points with values turned into scores (higher is better). */
export function pointsAsScores(points: readonly CurvePoint[], direction: Direction): CurvePoint[] {
  const sign = directionSign(direction);
  // `+ 0` turns -0 into 0, so states survive JSON unchanged.
  return points.map((p) => ({ epoch: p.epoch, value: sign * p.value + 0 }));
}

/** The last point at or before `epoch`, if any (points sorted by epoch). */
export function pointAtOrBefore(points: readonly CurvePoint[], epoch: number): CurvePoint | undefined {
  let found: CurvePoint | undefined;
  for (const p of points) {
    if (p.epoch > epoch) break;
    found = p;
  }
  return found;
}

/** Points up to and including `epoch` (points sorted by epoch). */
export function truncateAt(points: readonly CurvePoint[], epoch: number): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (const p of points) {
    if (p.epoch > epoch) break;
    out.push(p);
  }
  return out;
}

/** Mean of the last `k` values (fewer when the curve is shorter); undefined for an empty curve. */
export function smoothedLast(points: readonly CurvePoint[], k: number): number | undefined {
  if (points.length === 0) return undefined;
  const tail = points.slice(-Math.max(1, k));
  // Dividing first keeps huge values (1e308) from overflowing to Infinity.
  return tail.reduce((sum, p) => sum + p.value / tail.length, 0);
}
