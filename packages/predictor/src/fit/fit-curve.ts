import type { Direction } from '@penguin-nas/core';
import { createRng } from '@penguin-nas/core';
import type { CurveModel } from '../models/types.js';
import { type LocalFit, type LocalFitSettings, localFit } from './levenberg-marquardt.js';
import { scoreTransform } from './transform.js';

export interface FitOptions {
  /** LM iterations per start, at most (default 200). */
  maxIterations?: number;
  /**
   * Start points tried: `warmStart` (when given), the model's `initial`, its `starts`, its data-driven
   * `guess`es, then seeded random points inside the bounds; the lowest SSE wins. Default: every fixed start
   * (warm start + initial + starts + guesses). `1` = the first of them only (the reference configuration:
   * the model's initial point, no warm start).
   */
  starts?: number;
  /**
   * A start tried before all others, in the model's units: typically the previous prediction step's fitted
   * parameters, which usually converge in a few iterations. Ignored when its length or values are invalid.
   */
  warmStart?: readonly number[];
  /** Seed of the random starts (default 0); the same seed gives the same fit. */
  seed?: number;
  /** A round of 10 iterations that improves the SSE by less than this fraction ends a start (default 1e-10). */
  relativeTolerance?: number;
  /** The metric's direction: losses are mapped onto an increasing score (default `maximize`). */
  direction?: Direction;
  /** Units of the data: 1 (fractions) or 100 (percent); default: 100 if any |y| > 1.5, else 1. */
  dataScale?: number;
}

export type FitResult =
  | {
      readonly ok: true;
      readonly model: string;
      /** Fitted parameters, in the model's units (`model.scale`). */
      readonly params: number[];
      /** Sum of squared residuals, in the data's units. */
      readonly sse: number;
      /** Points fitted. */
      readonly n: number;
      /** The fitted curve in the data's units. */
      evaluate(x: number): number;
      /** LM iterations of the winning start. */
      readonly iterations: number;
    }
  | { readonly ok: false; readonly model: string; readonly reason: string };

/** What `fitCurve` uses for the options left out (the predictor's resolved `fit` options start from these). */
export const FIT_DEFAULTS = { maxIterations: 200, seed: 0, relativeTolerance: 1e-8 } as const;
const ROUND_ITERATIONS = 10;

/** Why the data cannot be fitted, or undefined when they can. */
export function badInput(xs: readonly number[], ys: readonly number[], minPoints = 2): string | undefined {
  if (!Array.isArray(xs) || !Array.isArray(ys)) return 'expected arrays xs and ys';
  if (xs.length !== ys.length) return `expected xs and ys of equal length, got ${xs.length} and ${ys.length}`;
  if (xs.length < minPoints) return `expected at least ${minPoints} points, got ${xs.length}`;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return `x[${i}] is not a finite number: ${x}`;
    if (typeof y !== 'number' || !Number.isFinite(y)) return `y[${i}] is not a finite number: ${y}`;
    if (i > 0 && !(x > (xs[i - 1] as number))) {
      return `expected increasing x, got x[${i - 1}] = ${xs[i - 1]} then x[${i}] = ${x}`;
    }
  }
  const first = ys[0] as number;
  const tolerance = 1e-12 * Math.max(1, Math.abs(first));
  if (ys.every((y) => Math.abs(y - first) <= tolerance)) {
    return `constant curve (all ${ys.length} values are ${first}): no trend to extrapolate`;
  }
  return undefined;
}

/** Why the options cannot be used, or undefined when they can. */
export function badOptions(options: FitOptions): string | undefined {
  const integerAtLeastOne: (keyof FitOptions)[] = ['maxIterations', 'starts'];
  for (const key of integerAtLeastOne) {
    const v = options[key];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 1)) {
      return `options.${key}: expected an integer >= 1, got ${v}`;
    }
  }
  if (options.dataScale !== undefined && !(options.dataScale > 0 && Number.isFinite(options.dataScale))) {
    return `options.dataScale: expected a finite number > 0 (1 or 100), got ${options.dataScale}`;
  }
  if (options.relativeTolerance !== undefined && !(options.relativeTolerance >= 0)) {
    return `options.relativeTolerance: expected a number >= 0, got ${options.relativeTolerance}`;
  }
  if (options.seed !== undefined && !Number.isFinite(options.seed)) {
    return `options.seed: expected a finite number, got ${options.seed}`;
  }
  return undefined;
}

/** The start points to try, inside the bounds, without duplicates. */
export function startPoints(
  model: CurveModel,
  xs: readonly number[],
  ys: readonly number[],
  count: number | undefined,
  seed: number,
  warmStart?: readonly number[],
): number[][] {
  const fixed: (readonly number[])[] = [
    ...(warmStart ? [warmStart] : []),
    model.initial,
    ...(model.starts ?? []),
  ];
  try {
    fixed.push(...(model.guess?.(xs, ys) ?? []));
  } catch {
    // A guess that throws only costs its start points.
  }
  const k = model.params.length;
  const seen = new Set<string>();
  const out: number[][] = [];
  const add = (p: readonly number[]) => {
    if (p.length !== k || !p.every(Number.isFinite)) return;
    const clamped = p.map((v, i) =>
      Math.min(Math.max(v, model.lower[i] as number), model.upper[i] as number),
    );
    const key = clamped.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    out.push(clamped);
  };
  for (const p of fixed) add(p);
  const wanted = count ?? out.length;
  if (out.length >= wanted) return out.slice(0, wanted);
  const rng = createRng(seed).fork(`starts:${model.name}`);
  for (let attempt = 0; out.length < wanted && attempt < wanted * 10; attempt++) {
    add(
      model.initial.map((init, i) =>
        randomIn(rng.next(), init, model.lower[i] as number, model.upper[i] as number),
      ),
    );
  }
  return out;
}

/**
 * A random value for one parameter: uniform in its bounds when both are finite and less than 1e3 apart,
 * otherwise the start value moved by a factor in [1/4, 4] (or by ±2 around 0), clamped into the bounds.
 */
function randomIn(u: number, init: number, lower: number, upper: number): number {
  if (Number.isFinite(lower) && Number.isFinite(upper) && upper - lower <= 1e3)
    return lower + u * (upper - lower);
  const v = init === 0 ? (u - 0.5) * 4 : init * 4 ** (2 * u - 1);
  return Math.min(Math.max(v, lower), upper);
}

/**
 * Why no start gave a finite SSE: the first x where the model, at its initial point, is not finite or so large
 * (> 1e150, e.g. a saturated power of 0) that its square overflows.
 */
function noFiniteFit(model: CurveModel, xs: readonly number[]): string {
  try {
    const f = model.fn(model.initial);
    const bad = xs.find((x) => !(Math.abs(f(x)) <= 1e150));
    if (bad !== undefined) return `no start point led to a finite fit (the model is ${f(bad)} at x = ${bad})`;
  } catch (error) {
    return `no start point led to a finite fit (the model threw: ${(error as Error)?.message ?? String(error)})`;
  }
  return 'no start point led to a finite fit';
}

/**
 * Fits one curve family to `(xs, ys)` by bounded least squares (Levenberg–Marquardt, several starts, the
 * lowest SSE wins). Never throws: bad input, a failed fit or a non-finite result is `{ ok: false, reason }`.
 */
export function fitCurve(
  model: CurveModel,
  xs: readonly number[],
  ys: readonly number[],
  options: FitOptions = {},
): FitResult {
  const name = model?.name ?? 'unnamed';
  try {
    const problem = badOptions(options) ?? badInput(xs, ys);
    if (problem !== undefined) return { ok: false, model: name, reason: problem };
    const transform = scoreTransform(
      ys,
      model.scale ?? 1,
      options.direction ?? 'maximize',
      options.dataScale,
    );
    const modelYs = ys.map(transform.toModel);
    const settings: LocalFitSettings = {
      maxIterations: options.maxIterations ?? FIT_DEFAULTS.maxIterations,
      roundIterations: ROUND_ITERATIONS,
      relativeTolerance: options.relativeTolerance ?? FIT_DEFAULTS.relativeTolerance,
      errorTolerance: 1e-20 * (model.scale ?? 1) ** 2,
      damping: 1e-2,
      dampingGrowth: 100,
      maxDamping: 1e6,
      gradientStep: 1e-6,
      gradientTolerance: 1e-7,
    };
    let best: LocalFit | undefined;
    for (const start of startPoints(
      model,
      xs,
      modelYs,
      options.starts,
      options.seed ?? FIT_DEFAULTS.seed,
      options.warmStart,
    )) {
      const fit = localFit(model, xs, modelYs, start, settings);
      if (Number.isFinite(fit.sse) && (best === undefined || fit.sse < best.sse)) best = fit;
    }
    if (best === undefined) return { ok: false, model: name, reason: noFiniteFit(model, xs) };
    if (!best.params.every(Number.isFinite)) {
      return { ok: false, model: name, reason: `non-finite parameters ${JSON.stringify(best.params)}` };
    }
    const curve = model.fn(best.params);
    const evaluate = (x: number) => transform.fromModel(curve(x));
    const sse = best.sse / (transform.factor * transform.factor);
    return {
      ok: true,
      model: name,
      params: best.params,
      sse,
      n: xs.length,
      evaluate,
      iterations: best.iterations,
    };
  } catch (error) {
    return { ok: false, model: name, reason: `fit failed: ${(error as Error)?.message ?? String(error)}` };
  }
}
