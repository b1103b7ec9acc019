import type { CurvePoint } from '../curve/points.js';
import { insertSorted, lastIndexAtOrBefore, sortedIndex } from './finished-index.js';
import type { FinishedTrialInfo } from './types.js';

/** A trial's standing at an epoch: the mean of its last `smoothing` points up to that epoch (none before its first). */
export function standingAt(
  points: readonly CurvePoint[],
  epoch: number,
  smoothing: number,
): number | undefined {
  const end = lastIndexAtOrBefore(points, epoch + 1e-9) + 1;
  if (end === 0) return undefined;
  let sum = 0;
  const from = Math.max(0, end - smoothing);
  for (let i = from; i < end; i++) sum += (points[i] as CurvePoint).value;
  return sum / (end - from);
}

/**
 * The reference trials' standings at every epoch any of them was validated at, each epoch's sorted, kept up to
 * date as references arrive: a trial's rank among the references is two binary searches, not a scan of them all
 * (a 15,625-trial run has 1,563 references with one every 10th).
 */
export class ReferenceStandings {
  readonly members: FinishedTrialInfo[] = [];
  /** Every epoch a reference has a point at, ascending. */
  private readonly epochs: number[] = [];
  private readonly sorted = new Map<number, number[]>();

  constructor(private readonly smoothing: number) {}

  add(trial: FinishedTrialInfo): void {
    for (const { epoch } of trial.points) {
      if (this.sorted.has(epoch)) continue;
      const standings: number[] = [];
      for (const member of this.members) {
        const standing = standingAt(member.points, epoch, this.smoothing);
        if (standing !== undefined) standings.push(standing);
      }
      this.sorted.set(
        epoch,
        standings.sort((a, b) => a - b),
      );
      insertSorted(this.epochs, epoch);
    }
    this.members.push(trial);
    for (const epoch of this.epochs) {
      const standing = standingAt(trial.points, epoch, this.smoothing);
      if (standing !== undefined) insertSorted(this.sorted.get(epoch) as number[], standing);
    }
  }

  /**
   * The share of references whose standing at `epoch` is below `value`, ties counting half; `self` leaves out one
   * reference whose standing is exactly `value` (a reference ranked among the others). Undefined with none.
   */
  rank(value: number, epoch: number, self = false): number | undefined {
    // The standings at `epoch` are those at the latest epoch with a point at or before it.
    const key = this.epochs[sortedIndex(this.epochs, epoch + 1e-9, true) - 1];
    if (key === undefined) return undefined;
    const standings = this.sorted.get(key) as number[];
    const below = sortedIndex(standings, value, false);
    let equal = sortedIndex(standings, value, true) - below;
    let count = standings.length;
    if (self) {
      equal -= 1;
      count -= 1;
    }
    return count <= 0 ? undefined : (below + equal / 2) / count;
  }
}
