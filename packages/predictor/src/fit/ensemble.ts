import type { CurveModel } from '../models/types.js';
import { badInput, badOptions, type FitOptions, type FitResult, fitCurve } from './fit-curve.js';

/** How an ensemble weights its families. */
export type EnsembleWeighting = 'bic' | 'aic' | 'holdout' | 'equal';
const WEIGHTINGS: readonly EnsembleWeighting[] = ['bic', 'aic', 'holdout', 'equal'];
/** The weighting used when none is given. */
export const DEFAULT_WEIGHTING: EnsembleWeighting = 'bic';

export interface EnsembleOptions extends FitOptions {
  /**
   * `bic` (default): w ∝ exp(−BIC/2), BIC = n·ln(SSE/n) + k·ln n; `aic`: the same with 2k;
   * `holdout`: each family is refitted without the last ⌈n/5⌉ points and w ∝ 1 / (its mean squared error on
   * them), falling back to BIC below 6 points; `equal`: plain mean.
   */
  weighting?: EnsembleWeighting;
  /** Members whose prediction falls outside [lo, hi] (data units) are left out, e.g. [0, 100] for percent. */
  range?: readonly [number, number];
}

export interface EnsembleMember {
  readonly model: string;
  /** Normalised weight (0 for members left out). */
  readonly weight: number;
  /** Its prediction at the target (data units); NaN when its fit failed. */
  readonly prediction: number;
  /** Its SSE (data units); NaN when its fit failed. */
  readonly sse: number;
  /** Fitted parameters by name (model units); empty when its fit failed. */
  readonly params: Readonly<Record<string, number>>;
  /** Why it was left out, when it was. */
  readonly reason?: string;
}

export type EnsembleResult =
  | {
      readonly ok: true;
      /** Weighted mean of the members' predictions (data units). */
      readonly prediction: number;
      /** Weighted standard deviation of the members' predictions: 0 for a single member. */
      readonly spread: number;
      readonly members: EnsembleMember[];
    }
  | { readonly ok: false; readonly reason: string; readonly members: EnsembleMember[] };

/** Smallest SSE used in log-likelihoods, so an exact fit does not get an infinite weight. */
function sseFloor(ys: readonly number[]): number {
  let scale = 0;
  for (const y of ys) scale = Math.max(scale, Math.abs(y));
  return 1e-12 * ys.length * Math.max(scale, 1e-6) ** 2;
}

function informationCriterion(fit: FitResult & { ok: true }, k: number, floor: number, kind: 'bic' | 'aic') {
  const n = fit.n;
  const penalty = kind === 'bic' ? Math.log(n) : 2;
  return n * Math.log(Math.max(fit.sse, floor) / n) + k * penalty;
}

/** Mean squared error on the last ⌈n/5⌉ points of a refit without them; Infinity when the refit fails. */
function holdoutError(
  model: CurveModel,
  xs: readonly number[],
  ys: readonly number[],
  options: FitOptions,
): number {
  const h = Math.ceil(xs.length / 5);
  const refit = fitCurve(model, xs.slice(0, -h), ys.slice(0, -h), options);
  if (!refit.ok) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = xs.length - h; i < xs.length; i++) {
    const r = (ys[i] as number) - refit.evaluate(xs[i] as number);
    sum += r * r;
  }
  const mse = sum / h;
  return Number.isFinite(mse) ? mse : Number.POSITIVE_INFINITY;
}

function paramsByName(model: CurveModel, params: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  model.params.forEach((name, i) => {
    out[name] = params[i] as number;
  });
  return out;
}

/**
 * Fits every family and combines their predictions at `target` (an x value), weighted by fit quality.
 * Never throws: with no usable member the result is `{ ok: false, reason }` naming each member's problem.
 */
export function fitEnsemble(
  models: readonly CurveModel[],
  xs: readonly number[],
  ys: readonly number[],
  target: number,
  options: EnsembleOptions = {},
): EnsembleResult {
  if (!Array.isArray(models) || models.length === 0) {
    return { ok: false, reason: 'expected at least one curve model, got none', members: [] };
  }
  if (typeof target !== 'number' || !Number.isFinite(target)) {
    return { ok: false, reason: `expected a finite target x, got ${target}`, members: [] };
  }
  const weighting = options.weighting ?? DEFAULT_WEIGHTING;
  const problem =
    (WEIGHTINGS.includes(weighting)
      ? undefined
      : `options.weighting: expected one of ${WEIGHTINGS.join(', ')}, got ${weighting}`) ??
    badOptions(options) ??
    badInput(xs, ys);
  if (problem !== undefined) return { ok: false, reason: problem, members: [] };
  const floor = sseFloor(ys);
  const scores: number[] = [];
  const members: EnsembleMember[] = models.map((model) => {
    const fit = fitCurve(model, xs, ys, options);
    const failed = (reason: string): EnsembleMember => {
      scores.push(Number.NaN);
      return { model: model.name, weight: 0, prediction: Number.NaN, sse: Number.NaN, params: {}, reason };
    };
    if (!fit.ok) return failed(fit.reason);
    const prediction = fit.evaluate(target);
    const base = {
      model: model.name,
      weight: 0,
      prediction,
      sse: fit.sse,
      params: paramsByName(model, fit.params),
    };
    const range = options.range;
    let reason: string | undefined;
    if (!Number.isFinite(prediction)) reason = `non-finite prediction ${prediction}`;
    else if (range && (prediction < range[0] || prediction > range[1])) {
      reason = `prediction ${prediction} outside [${range[0]}, ${range[1]}]`;
    }
    if (reason !== undefined) {
      scores.push(Number.NaN);
      return { ...base, reason };
    }
    const k = model.params.length;
    if (weighting === 'equal') scores.push(0);
    else if (weighting === 'holdout' && xs.length >= 6)
      scores.push(-Math.log(holdoutError(model, xs, ys, options) + floor / xs.length));
    else scores.push(-0.5 * informationCriterion(fit, k, floor, weighting === 'aic' ? 'aic' : 'bic'));
    return base;
  });
  const usable = scores.map((s) => Number.isFinite(s));
  if (!usable.some(Boolean)) {
    const why = members.map((m) => `${m.model}: ${m.reason ?? 'unusable'}`).join('; ');
    return { ok: false, reason: `no usable fit (${why})`, members };
  }
  const top = Math.max(...scores.filter((_, i) => usable[i]));
  const raw = scores.map((s, i) => (usable[i] ? Math.exp(s - top) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  const weighted = members.map((m, i) => ({ ...m, weight: (raw[i] as number) / total }));
  let prediction = 0;
  for (const m of weighted) if (m.weight > 0) prediction += m.weight * m.prediction;
  let variance = 0;
  for (const m of weighted) if (m.weight > 0) variance += m.weight * (m.prediction - prediction) ** 2;
  return { ok: true, prediction, spread: Math.sqrt(variance), members: weighted };
}
