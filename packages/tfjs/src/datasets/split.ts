import type { Rng } from '@penguin-nas/core';

/**
 * Takes `k` of the indices in `pool` (which the caller has shuffled): stratified, every class gets its share
 * of `k` by largest remainder, so class proportions are kept to within one example; otherwise the first `k`.
 * Returns the chosen indices (shuffled, so classes interleave) and the rest (in pool order).
 */
export function drawIndices(
  pool: readonly number[],
  k: number,
  labels: Int32Array,
  options: { stratify: boolean; rng: Rng },
): { chosen: number[]; rest: number[] } {
  if (k >= pool.length) return { chosen: options.rng.shuffle(pool), rest: [] };
  if (!options.stratify) return { chosen: pool.slice(0, k), rest: pool.slice(k) };
  const byClass = new Map<number, number[]>();
  for (const index of pool) {
    const label = labels[index] as number;
    const members = byClass.get(label);
    if (members) members.push(index);
    else byClass.set(label, [index]);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const quota = new Map<number, number>();
  let assigned = 0;
  const remainders: { label: number; fraction: number }[] = [];
  for (const label of classes) {
    const exact = (k * (byClass.get(label) as number[]).length) / pool.length;
    quota.set(label, Math.floor(exact));
    assigned += Math.floor(exact);
    remainders.push({ label, fraction: exact - Math.floor(exact) });
  }
  remainders.sort((a, b) => b.fraction - a.fraction || a.label - b.label);
  for (let i = 0; i < k - assigned; i++) {
    const { label } = remainders[i] as { label: number };
    quota.set(label, (quota.get(label) as number) + 1);
  }
  const chosen: number[] = [];
  const taken = new Set<number>();
  for (const label of classes) {
    const members = byClass.get(label) as number[];
    for (const index of members.slice(0, quota.get(label))) {
      chosen.push(index);
      taken.add(index);
    }
  }
  return { chosen: options.rng.shuffle(chosen), rest: pool.filter((index) => !taken.has(index)) };
}

/** 0, 1, …, n − 1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
