import {
  CONTINUE,
  familiesOf,
  fmt,
  type PredictionStep,
  type RuleContext,
  type TerminationRule,
} from './types.js';

/** What happens to the window when a step cannot take part in it. */
export type WindowPolicy = 'skip' | 'reset';

export interface Peng4nnRuleOptions {
  /** Window length: the last N valid predictions must agree (default 3). */
  readonly N?: number | undefined;
  /** Tolerance: every prediction in the window within `t` of the window's median, in metric units (default 0.5). */
  readonly t?: number | undefined;
  /** Points needed before a stop is allowed (default 3). */
  readonly cMin?: number | undefined;
  /** Points at the first fit (default `cMin`; the reference code fitted from 2). */
  readonly firstFitPoints?: number | undefined;
  /** Plausible predictions in metric units, `min < p <= max` (default [0, 100], accuracy in [0, 1] or percent). */
  readonly range?: readonly [min: number, max: number] | undefined;
  /** A fitted peng4nn asymptote `a` at or above `aCap - 0.01` discards the prediction and resets the window (null: off). */
  readonly aCap?: number | null | undefined;
  /** A failed fit: `skip` keeps the streak (2022 reference code, default), `reset` empties the window. */
  readonly onFailedFit?: WindowPolicy | undefined;
  /** An out-of-range prediction: `reset` empties the window (default), `skip` ignores it. */
  readonly onOutOfRange?: WindowPolicy | undefined;
}

export interface ConvergenceWindow {
  /** The last valid predictions (scores), oldest first, at most N. */
  readonly values: readonly number[];
  /** The step that gave the last value. */
  readonly last?: PredictionStep | undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface ResolvedOptions {
  N: number;
  t: number;
  cMin: number;
  firstFitPoints: number;
  range: readonly [number, number];
}

function assertOptions(o: ResolvedOptions): void {
  const where = 'rules.peng4nn';
  if (!Number.isInteger(o.N) || o.N < 2)
    throw new RangeError(`${where}.N: expected an integer >= 2, got ${o.N}`);
  if (!(o.t >= 0) || !Number.isFinite(o.t))
    throw new RangeError(`${where}.t: expected a number >= 0, got ${o.t}`);
  for (const key of ['cMin', 'firstFitPoints'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new RangeError(`${where}.${key}: expected an integer >= 1, got ${o[key]}`);
    }
  }
  if (!(o.range[0] < o.range[1])) {
    throw new RangeError(`${where}.range: expected [min, max] with min < max, got [${o.range.join(', ')}]`);
  }
}

/**
 * The PEng4NN / PENGUIN convergence rule: stop once the last N valid predictions lie within `t` of their
 * median; the last of them is the trial's predicted fitness.
 */
export class Peng4nnRule implements TerminationRule {
  readonly name = 'peng4nn';
  readonly fitFrom: number;
  readonly N: number;
  readonly t: number;
  readonly cMin: number;
  readonly range: readonly [number, number];
  readonly aCap: number | null;
  readonly onFailedFit: WindowPolicy;
  readonly onOutOfRange: WindowPolicy;

  constructor(options: Peng4nnRuleOptions = {}) {
    const cMin = options.cMin ?? 3;
    const resolved = {
      N: options.N ?? 3,
      t: options.t ?? 0.5,
      cMin,
      firstFitPoints: options.firstFitPoints ?? cMin,
      range: options.range ?? ([0, 100] as const),
      aCap: options.aCap === undefined ? 200 : options.aCap,
      onFailedFit: options.onFailedFit ?? 'skip',
      onOutOfRange: options.onOutOfRange ?? 'reset',
    };
    assertOptions(resolved);
    this.N = resolved.N;
    this.t = resolved.t;
    this.cMin = resolved.cMin;
    this.fitFrom = resolved.firstFitPoints;
    this.range = [resolved.range[0], resolved.range[1]];
    this.aCap = resolved.aCap;
    this.onFailedFit = resolved.onFailedFit;
    this.onOutOfRange = resolved.onOutOfRange;
  }

  /** Whether a prediction (score) is plausible in metric units. */
  inRange(score: number, toMetric: (score: number) => number): boolean {
    const v = toMetric(score);
    return Number.isFinite(v) && v > this.range[0] && v <= this.range[1];
  }

  private capped(step: PredictionStep): boolean {
    if (this.aCap === null) return false;
    const cap = this.aCap - 0.01;
    return step.members.some((m) => m.model === 'peng4nn' && (m.params.a ?? Number.NEGATIVE_INFINITY) >= cap);
  }

  /** Replays the window over the steps, applying the failed-fit, range and cap policies. */
  window(steps: readonly PredictionStep[], toMetric: (score: number) => number): ConvergenceWindow {
    let values: number[] = [];
    let last: PredictionStep | undefined;
    for (const step of steps) {
      if (step.value === null) {
        if (this.onFailedFit === 'reset') values = [];
        continue;
      }
      if (this.capped(step)) {
        values = [];
        continue;
      }
      if (!this.inRange(step.value, toMetric)) {
        if (this.onOutOfRange === 'reset') values = [];
        continue;
      }
      values.push(step.value);
      if (values.length > this.N) values.shift();
      last = step;
    }
    return last === undefined ? { values } : { values, last };
  }

  decide(context: RuleContext) {
    if (context.points.length < this.cMin) return CONTINUE;
    const { values, last } = this.window(context.steps, context.toMetric);
    if (values.length < this.N || last === undefined) return CONTINUE;
    const mid = median(values);
    if (!values.every((v) => Math.abs(v - mid) <= this.t)) return CONTINUE;
    const prediction = values[values.length - 1] as number;
    const shown = values.map((v) => fmt(context.toMetric(v))).join(', ');
    return {
      stop: true as const,
      reason:
        `peng4nn: converged: last ${this.N} predictions [${shown}] (${familiesOf(last)}) within ${fmt(this.t)} ` +
        `of their median ${fmt(context.toMetric(mid))}; predicted ${fmt(context.toMetric(prediction))} at epoch ${fmt(context.target)}`,
      prediction,
    };
  }
}

export function peng4nnRule(options: Peng4nnRuleOptions = {}): Peng4nnRule {
  return new Peng4nnRule(options);
}
