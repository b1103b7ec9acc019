import type { CurvePoint } from '../curve/points.js';
import {
  CONTINUE,
  type FinishedTrialInfo,
  fmt,
  type RuleContext,
  type TerminationRule,
  type Verdict,
} from './types.js';

/** How a trial's value is compared with the values recorded at a rung. */
export type AshaStyle = 'optuna' | 'ray';

export interface AshaOptions {
  /** Minimum resource r in epochs, or `auto`: max(1, ⌈target / 100⌉), Optuna's estimate (default 1). */
  readonly minResource?: number | 'auto' | undefined;
  /** Reduction factor η: the top 1/η of a rung continues (default 4, as Optuna and Ray). */
  readonly reductionFactor?: number | undefined;
  /** Optuna's `min_early_stopping_rate` s: rungs at r·η^(s+k) (default 0). */
  readonly minEarlyStoppingRate?: number | undefined;
  /** Optuna's `bootstrap_count`: a trial is stopped while a rung holds this many values or fewer (default 0). */
  readonly bootstrapCount?: number | undefined;
  /**
   * `optuna` (default): continue when the value is among the top max(1, ⌊n/η⌋) of the n values at the rung,
   * itself included (`SuccessiveHalvingPruner`). `ray`: continue unless the value is below the (1 − 1/η) percentile
   * of the values recorded earlier (`ASHAScheduler`; the first trial at a rung always continues).
   */
  readonly style?: AshaStyle | undefined;
}

interface ResolvedAsha {
  readonly minResource: number | 'auto';
  readonly reductionFactor: number;
  readonly minEarlyStoppingRate: number;
  readonly bootstrapCount: number;
  readonly style: AshaStyle;
}

function resolveAsha(options: AshaOptions, where: string): ResolvedAsha {
  const resolved: ResolvedAsha = {
    minResource: options.minResource ?? 1,
    reductionFactor: options.reductionFactor ?? 4,
    minEarlyStoppingRate: options.minEarlyStoppingRate ?? 0,
    bootstrapCount: options.bootstrapCount ?? 0,
    style: options.style ?? 'optuna',
  };
  const r = resolved.minResource;
  if (r !== 'auto' && !(Number.isFinite(r) && r > 0))
    throw new RangeError(`${where}.minResource: expected a number > 0 or 'auto', got ${r}`);
  if (!(Number.isFinite(resolved.reductionFactor) && resolved.reductionFactor >= 2))
    throw new RangeError(`${where}.reductionFactor: expected a number >= 2, got ${resolved.reductionFactor}`);
  for (const key of ['minEarlyStoppingRate', 'bootstrapCount'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 0)
      throw new RangeError(`${where}.${key}: expected an integer >= 0, got ${resolved[key]}`);
  }
  if (resolved.style !== 'optuna' && resolved.style !== 'ray')
    throw new RangeError(`${where}.style: expected 'optuna' or 'ray', got ${JSON.stringify(resolved.style)}`);
  return resolved;
}

/** The rung epochs r·η^(s+k), k = 0, 1, …, strictly below the target (a trial at the target has finished). */
export function rungEpochs(
  minResource: number,
  reductionFactor: number,
  rate: number,
  target: number,
): number[] {
  const rungs: number[] = [];
  for (let k = rate; ; k++) {
    const epoch = minResource * reductionFactor ** k;
    if (!(epoch < target - 1e-9) || rungs.length > 64) return rungs;
    rungs.push(epoch);
  }
}

/** A curve's value at a rung: its first point at or after the rung epoch (the value it reported on crossing it). */
export function valueAtRung(points: readonly CurvePoint[], rung: number): number | undefined {
  for (const p of points) if (p.epoch >= rung - 1e-9) return p.value;
  return undefined;
}

/** Optuna's `_is_trial_promotable_to_next_rung`, on scores: among the top max(1, ⌊n/η⌋) of all n values. */
function promotableOptuna(value: number, all: readonly number[], eta: number): boolean {
  const sorted = [...all].sort((a, b) => b - a);
  const k = Math.max(1, Math.floor(sorted.length / eta));
  return value >= (sorted[k - 1] as number);
}

/** numpy's linear-interpolation percentile (q in [0, 100]) of a non-empty list. */
export function percentileOf(values: readonly number[], q: number): number {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    q,
  );
}

/** `percentileOf` for values already in ascending order. */
export function percentileOfSorted(sorted: readonly number[], q: number): number {
  const position = (q / 100) * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  return a + ((sorted[high] as number) - a) * (position - low);
}

/** Ray's `_Bracket.cutoff`: below the (1 − 1/η) percentile of the earlier values stops; none earlier continues. */
function promotableRay(value: number, earlier: readonly number[], eta: number): boolean {
  if (earlier.length === 0) return true;
  return value >= percentileOf(earlier, (1 - 1 / eta) * 100);
}

/**
 * Asynchronous successive halving as one decision per validation point. When the trial crosses a rung, its value
 * there is compared with the values the finished trials recorded at that rung (in a sequential run, every trial
 * seen at the rung so far; trials still running in parallel are not counted). Stops and reports the last value.
 */
export class AshaRule implements TerminationRule {
  readonly name: string;
  private readonly options: ResolvedAsha;

  constructor(
    options: AshaOptions = {},
    private readonly peers: (context: RuleContext) => readonly FinishedTrialInfo[] = (c) => c.finished,
    name = 'asha',
  ) {
    this.name = name;
    this.options = resolveAsha(options, `rules.${name}`);
  }

  rungs(target: number): number[] {
    const { minResource, reductionFactor, minEarlyStoppingRate } = this.options;
    const r = minResource === 'auto' ? Math.max(1, Math.ceil(target / 100)) : minResource;
    return rungEpochs(r, reductionFactor, minEarlyStoppingRate, target);
  }

  decide(context: RuleContext): Verdict {
    const { points } = context;
    const last = points[points.length - 1];
    if (last === undefined) return CONTINUE;
    const before = points[points.length - 2]?.epoch ?? Number.NEGATIVE_INFINITY;
    const crossed = this.rungs(context.target).filter((r) => before < r - 1e-9 && last.epoch >= r - 1e-9);
    if (crossed.length === 0) return CONTINUE;
    const peers = this.peers(context);
    const { reductionFactor: eta, bootstrapCount, style } = this.options;
    for (const rung of crossed) {
      const earlier: number[] = [];
      for (const peer of peers) {
        const value = valueAtRung(peer.points, rung);
        if (value !== undefined) earlier.push(value);
      }
      const all = [...earlier, last.value];
      const bootstrapping = all.length <= bootstrapCount;
      const promoted =
        !bootstrapping &&
        (style === 'ray' ? promotableRay(last.value, earlier, eta) : promotableOptuna(last.value, all, eta));
      if (promoted) continue;
      const why = bootstrapping
        ? `only ${all.length} value(s) at the rung, bootstrap count ${bootstrapCount}`
        : `not in the top 1/${fmt(eta)} of ${all.length} values at the rung`;
      return {
        stop: true,
        reason: `${this.name}: value ${fmt(context.toMetric(last.value))} at rung epoch ${fmt(rung)} ${why}; reporting the last value`,
        prediction: last.value,
        observed: true,
      };
    }
    return CONTINUE;
  }
}

export function ashaRule(options: AshaOptions = {}): AshaRule {
  return new AshaRule(options);
}

export interface HyperbandOptions extends Omit<AshaOptions, 'minEarlyStoppingRate'> {
  /** Brackets; default ⌊log_η(target / r)⌋ + 1, as Optuna's `HyperbandPruner` (at least 1). */
  readonly brackets?: number | undefined;
}

/** A stable bracket for a trial id (FNV-1a), so a finished trial's bracket is known without extra state. */
export function bracketOf(id: string, brackets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % brackets;
}

/**
 * Hyperband on a stop/continue engine: each trial belongs to one bracket (by its id), bracket b is an ASHA with
 * `minEarlyStoppingRate` b (rungs r·η^(b+k)), and a trial is compared only with the finished trials of its bracket.
 */
export function hyperbandRule(options: HyperbandOptions = {}): TerminationRule {
  const where = 'rules.hyperband';
  if (options.brackets !== undefined && !(Number.isInteger(options.brackets) && options.brackets >= 1))
    throw new RangeError(`${where}.brackets: expected an integer >= 1, got ${options.brackets}`);
  const base = resolveAsha(options, where);
  const bracketRules = new Map<string, AshaRule>();
  const countFor = (target: number): number => {
    if (options.brackets !== undefined) return options.brackets;
    const r = base.minResource === 'auto' ? Math.max(1, Math.ceil(target / 100)) : base.minResource;
    return Math.max(1, Math.floor(Math.log(target / r) / Math.log(base.reductionFactor) + 1e-9) + 1);
  };
  return {
    name: 'hyperband',
    decide(context: RuleContext): Verdict {
      const count = countFor(context.target);
      const bracket = bracketOf(context.trialId, count);
      const key = `${count}/${bracket}`;
      let rule = bracketRules.get(key);
      if (rule === undefined) {
        rule = new AshaRule(
          { ...base, minEarlyStoppingRate: bracket },
          (c) => c.finished.filter((f) => bracketOf(f.id, count) === bracket),
          'hyperband',
        );
        bracketRules.set(key, rule);
      }
      const verdict = rule.decide(context);
      return verdict.stop
        ? { ...verdict, reason: `${verdict.reason} (bracket ${bracket + 1} of ${count})` }
        : verdict;
    },
  };
}
