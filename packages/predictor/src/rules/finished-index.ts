import type { CurvePoint } from '../curve/points.js';
import type { FinishedTrialInfo } from './types.js';

/**
 * What a rule derives from the finished trials, kept up to date as trials finish instead of rebuilt from all of them
 * at every decision. The predictor only appends to the list it hands to rules; a list with a trial replaced or
 * restored is a new array, so an index that meets a new list starts over and one that meets a longer list adds
 * only the entries it has not seen.
 */
export class FinishedIndex<T> {
  private readonly cache = new WeakMap<readonly FinishedTrialInfo[], { seen: number; value: T }>();

  constructor(
    private readonly create: () => T,
    private readonly add: (value: T, entry: FinishedTrialInfo) => void,
  ) {}

  /** The derived value for this list, with every entry of it added once. */
  of(finished: readonly FinishedTrialInfo[]): T {
    let cached = this.cache.get(finished);
    if (cached === undefined) {
      cached = { seen: 0, value: this.create() };
      this.cache.set(finished, cached);
    }
    while (cached.seen < finished.length)
      this.add(cached.value, finished[cached.seen++] as FinishedTrialInfo);
    return cached.value;
  }
}

/** The index of the last point at or before `epoch` (points sorted by epoch), or -1. Binary search. */
export function lastIndexAtOrBefore(points: readonly CurvePoint[], epoch: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as CurvePoint).epoch <= epoch) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The index of the last of the sorted `epochs` at or before `bound` (-1 when none). Evenly spaced epochs (most
 * curves) are found at the index their spacing gives, checked against both neighbours; others by `sortedIndex`.
 * Every rebuild looks up every sample at every epoch, so this is on a replay's path.
 */
export function lastAtOrBefore(epochs: ArrayLike<number>, bound: number): number {
  const n = epochs.length;
  const first = epochs[0] as number;
  const last = epochs[n - 1] as number;
  if (n > 1 && last > first) {
    const guess = Math.floor(((bound - first) / (last - first)) * (n - 1));
    if (
      guess >= 0 &&
      guess < n &&
      (epochs[guess] as number) <= bound &&
      (guess === n - 1 || (epochs[guess + 1] as number) > bound)
    )
      return guess;
  }
  return sortedIndex(epochs, bound, true) - 1;
}

/**
 * Where `value` goes in an ascending array: the first index holding a larger value (`after`, past equal values)
 * or one at least as large (before equal values). Binary search.
 */
export function sortedIndex(sorted: ArrayLike<number>, value: number, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] as number;
    if (v < value || (after && v === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts a value into an ascending array, after equal values (binary search; the array stays sorted). */
export function insertSorted(sorted: number[], value: number): void {
  sorted.splice(sortedIndex(sorted, value, true), 0, value);
}

/** A running median: two heaps, O(log n) per value, the median of everything added in O(1). */
export class RunningMedian {
  /** Max-heap of the lower half (stored negated as a min-heap) and min-heap of the upper half. */
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];

  get count(): number {
    return this.lower.length + this.upper.length;
  }

  add(value: number): void {
    if (this.lower.length === 0 || value <= -(this.lower[0] as number)) push(this.lower, -value);
    else push(this.upper, value);
    if (this.lower.length > this.upper.length + 1) push(this.upper, -pop(this.lower));
    else if (this.upper.length > this.lower.length) push(this.lower, -pop(this.upper));
  }

  /** The median (the mean of the two middle values for an even count); NaN when empty. */
  get median(): number {
    if (this.count === 0) return Number.NaN;
    const low = -(this.lower[0] as number);
    return this.count % 2 === 1 ? low : (low + (this.upper[0] as number)) / 2;
  }
}

function push(heap: number[], value: number): void {
  heap.push(value);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((heap[parent] as number) <= value) break;
    heap[i] = heap[parent] as number;
    i = parent;
  }
  heap[i] = value;
}

function pop(heap: number[]): number {
  const top = heap[0] as number;
  const last = heap.pop() as number;
  if (heap.length === 0) return top;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && (heap[right] as number) < (heap[left] as number) ? right : left;
    if ((heap[child] as number) >= last) break;
    heap[i] = heap[child] as number;
    i = child;
  }
  heap[i] = last;
  return top;
}
