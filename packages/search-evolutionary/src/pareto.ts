/**
 * NSGA-II's ranking (Deb et al. 2002): fast non-dominated sorting and crowding distance, on cost vectors
 * (lower is better in every coordinate; see `costs`). Dominance itself is core's `dominates`, re-exported here as
 * part of this package's API.
 */
import { dominates } from '@penguin-nas/core';

export { dominates };

/** Fronts of indices into `points`: front 0 is non-dominated, front 1 is dominated only by front 0, … */
export function nonDominatedSort(points: readonly (readonly number[])[]): number[][] {
  const dominatedBy: number[][] = points.map(() => []);
  const dominationCount = points.map(() => 0);
  for (let p = 0; p < points.length; p++) {
    for (let q = p + 1; q < points.length; q++) {
      const a = points[p] as number[];
      const b = points[q] as number[];
      if (dominates(a, b)) {
        dominatedBy[p]?.push(q);
        dominationCount[q] = (dominationCount[q] as number) + 1;
      } else if (dominates(b, a)) {
        dominatedBy[q]?.push(p);
        dominationCount[p] = (dominationCount[p] as number) + 1;
      }
    }
  }
  let current = points.map((_, i) => i).filter((i) => dominationCount[i] === 0);
  const fronts: number[][] = [current];
  while (current.length > 0) {
    const next: number[] = [];
    for (const p of current) {
      for (const q of dominatedBy[p] as number[]) {
        dominationCount[q] = (dominationCount[q] as number) - 1;
        if (dominationCount[q] === 0) next.push(q);
      }
    }
    next.sort((x, y) => x - y);
    if (next.length > 0) fronts.push(next);
    current = next;
  }
  return fronts;
}

/**
 * Crowding distance of each member of one front (same order as `front`): boundary points get Infinity,
 * interior points the sum over objectives of the normalised gap between their neighbours. Objectives with
 * a non-finite or zero range add nothing to interior points.
 */
export function crowdingDistance(points: readonly (readonly number[])[], front: readonly number[]): number[] {
  const distance = front.map(() => 0);
  if (front.length === 0) return distance;
  const dims = (points[front[0] as number] as number[]).length;
  for (let m = 0; m < dims; m++) {
    const at = (i: number) => (points[front[i] as number] as number[])[m] as number;
    const order = front.map((_, i) => i).sort((i, j) => at(i) - at(j) || i - j);
    const value = (k: number) => at(order[k] as number);
    distance[order[0] as number] = Number.POSITIVE_INFINITY;
    distance[order[order.length - 1] as number] = Number.POSITIVE_INFINITY;
    const range = value(order.length - 1) - value(0);
    if (!Number.isFinite(range) || range === 0) continue;
    for (let k = 1; k < order.length - 1; k++) {
      const gap = (value(k + 1) - value(k - 1)) / range;
      if (Number.isFinite(gap)) distance[order[k] as number] = (distance[order[k] as number] as number) + gap;
    }
  }
  return distance;
}

/** Rank (front number) and crowding distance of every point. */
export function rankAndCrowding(points: readonly (readonly number[])[]): {
  rank: number[];
  crowding: number[];
} {
  const rank = points.map(() => 0);
  const crowding = points.map(() => 0);
  nonDominatedSort(points).forEach((front, r) => {
    const d = crowdingDistance(points, front);
    front.forEach((p, i) => {
      rank[p] = r;
      crowding[p] = d[i] as number;
    });
  });
  return { rank, crowding };
}

/**
 * Elitist survival: the `size` best by (rank, larger crowding distance), filling whole fronts first and
 * truncating the last front by crowding distance. Returns indices; ties keep the earlier index.
 */
export function selectSurvivors(points: readonly (readonly number[])[], size: number): number[] {
  const survivors: number[] = [];
  for (const front of nonDominatedSort(points)) {
    if (survivors.length + front.length <= size) {
      survivors.push(...front);
      continue;
    }
    const d = crowdingDistance(points, front);
    const order = front.map((_, i) => i).sort((i, j) => (d[j] as number) - (d[i] as number) || i - j);
    for (const i of order.slice(0, size - survivors.length)) survivors.push(front[i] as number);
    break;
  }
  return survivors;
}
