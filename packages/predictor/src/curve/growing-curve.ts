import type { Direction, EpochLogs } from '@penguin-nas/core';
import { type CurvePoint, cleanCurve, directionSign } from './points.js';

/**
 * One trial's clean curve (see `cleanCurve`) and its scores, kept up to date as logs are appended, so a
 * point costs constant time instead of cleaning the whole curve again (#13.11: on a 4,000-point curve the
 * repeated cleaning was most of the run). Anything but an append of a later epoch (a repeated or earlier
 * epoch, a shorter curve, a different last log) cleans the whole curve again. Only the last log seen is compared,
 * so a log rewritten in place further back goes unnoticed: the engine's curves only grow (and a retrained trial
 * starts a new GrowingCurve), where the result always equals `cleanCurve`.
 */
export class GrowingCurve {
  private logs = 0;
  private lastLog: { epoch: unknown; value: unknown } | undefined;
  private points: CurvePoint[] = [];
  private scores: CurvePoint[] = [];
  private readonly sign: 1 | -1;

  constructor(
    private readonly metric: string,
    direction: Direction,
  ) {
    this.sign = directionSign(direction);
  }

  /** The clean curve and its scores (higher is better) for `curve`, which usually extends the last one. */
  update(curve: readonly EpochLogs[]): { points: readonly CurvePoint[]; scores: readonly CurvePoint[] } {
    if (!this.extends(curve) || !this.append(curve)) this.rebuild(curve);
    this.logs = curve.length;
    const last = curve[curve.length - 1];
    this.lastLog = last === undefined ? undefined : { epoch: last.epoch, value: last[this.metric] };
    return { points: this.points, scores: this.scores };
  }

  /** Whether `curve` holds the logs seen so far unchanged (checked at the last one seen) and maybe more. */
  private extends(curve: readonly EpochLogs[]): boolean {
    if (curve.length < this.logs) return false;
    if (this.logs === 0) return true;
    const seen = curve[this.logs - 1];
    // Object.is: a NaN last value is the same log, not a rewritten one (a NaN every other epoch must not rebuild).
    return Object.is(seen?.epoch, this.lastLog?.epoch) && Object.is(seen?.[this.metric], this.lastLog?.value);
  }

  /** Appends the new logs; false when one is not a finite value at a later epoch than all before. */
  private append(curve: readonly EpochLogs[]): boolean {
    const added: CurvePoint[] = [];
    let lastEpoch = this.points[this.points.length - 1]?.epoch ?? Number.NEGATIVE_INFINITY;
    for (let i = this.logs; i < curve.length; i++) {
      const epoch = curve[i]?.epoch;
      const value = curve[i]?.[this.metric];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      if (typeof epoch !== 'number' || !Number.isFinite(epoch)) continue;
      if (epoch <= lastEpoch) return false;
      added.push({ epoch, value });
      lastEpoch = epoch;
    }
    for (const point of added) this.push(point);
    return true;
  }

  private rebuild(curve: readonly EpochLogs[]): void {
    this.points = [];
    this.scores = [];
    for (const point of cleanCurve(curve, this.metric).points) this.push(point);
  }

  private push(point: CurvePoint): void {
    this.points.push(point);
    // `+ 0` turns -0 into 0, as pointsAsScores does.
    this.scores.push({ epoch: point.epoch, value: this.sign * point.value + 0 });
  }
}
