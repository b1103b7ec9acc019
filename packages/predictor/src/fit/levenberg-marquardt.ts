import type { CurveModel } from '../models/types.js';
import { lmIterations } from './lm-iterations.js';

/** Settings of one local Levenberg–Marquardt run (ALGORITHMS §3: the library's defaults are wrong here). */
export interface LocalFitSettings {
  /** Iterations at most, over all rounds. */
  readonly maxIterations: number;
  /** Iterations per round: the run stops when one round improves the SSE by less than `relativeTolerance`. */
  readonly roundIterations: number;
  readonly relativeTolerance: number;
  /** Absolute SSE below which the fit is exact enough (model units²). */
  readonly errorTolerance: number;
  /** Initial damping of each round. */
  readonly damping: number;
  /** Factor applied to the damping after a round that did not improve. */
  readonly dampingGrowth: number;
  /** A round that does not improve at this damping ends the run. */
  readonly maxDamping: number;
  /** Stationarity test: |∂SSE/∂p_j|·|p_j| at most this fraction of the SSE for every free parameter. */
  readonly gradientTolerance: number;
  /** Step of the finite-difference Jacobian, relative to |p| (for models without an analytic Jacobian). */
  readonly gradientStep: number;
}

export interface LocalFit {
  readonly params: number[];
  readonly sse: number;
  readonly iterations: number;
}

/** Sum of squared residuals of the model at `p`; NaN or Infinity when the model is not finite there. */
export function sumOfSquares(
  model: CurveModel,
  p: readonly number[],
  xs: readonly number[],
  ys: readonly number[],
) {
  const f = model.fn(p);
  let sse = 0;
  for (let i = 0; i < xs.length; i++) {
    const r = (ys[i] as number) - f(xs[i] as number);
    sse += r * r;
  }
  return sse;
}

/** Gradient of the SSE over the parameters, halved: g_j = Σ r_i ∂f(x_i)/∂p_j with r = y − f. */
export function halfGradient(
  model: CurveModel,
  xs: readonly number[],
  ys: readonly number[],
  p: readonly number[],
  gradientStep: number,
): number[] {
  const f = model.fn(p);
  const k = p.length;
  const g = new Array<number>(k).fill(0);
  const residuals = xs.map((x, i) => (ys[i] as number) - f(x));
  if (model.jacobian) {
    const jac = model.jacobian(p);
    xs.forEach((x, i) => {
      const row = jac(x);
      for (let j = 0; j < k; j++) g[j] = (g[j] as number) + (residuals[i] as number) * (row[j] as number);
    });
    return g;
  }
  for (let j = 0; j < k; j++) {
    const h = gradientStep * Math.max(Math.abs(p[j] as number), 1e-3);
    const up = model.fn(p.map((v, m) => (m === j ? v + h : v)));
    const down = model.fn(p.map((v, m) => (m === j ? v - h : v)));
    let sum = 0;
    xs.forEach((x, i) => {
      sum += ((residuals[i] as number) * (up(x) - down(x))) / (2 * h);
    });
    g[j] = sum;
  }
  return g;
}

/**
 * First-order optimality inside the bounds: no free parameter can change the SSE by more than
 * `gradientTolerance`·SSE per unit of relative change (parameters held at a bound by the gradient are not free).
 */
function isStationary(
  model: CurveModel,
  xs: readonly number[],
  ys: readonly number[],
  p: readonly number[],
  sse: number,
  settings: LocalFitSettings,
): boolean {
  const g = halfGradient(model, xs, ys, p, settings.gradientStep);
  const floor = Math.max(sse, settings.errorTolerance);
  return g.every((gj, j) => {
    const v = p[j] as number;
    // SSE falls when p_j moves along +g_j; a bound in that direction holds it.
    if ((gj < 0 && v <= (model.lower[j] as number)) || (gj > 0 && v >= (model.upper[j] as number)))
      return true;
    return 2 * Math.abs(gj) * Math.max(Math.abs(v), 1e-3) <= settings.gradientTolerance * floor;
  });
}

/** Indices of the parameters not held on a bound by the gradient (SSE falls when p_j moves along +g_j). */
function freeParameters(model: CurveModel, p: readonly number[], g: readonly number[]): number[] {
  const free: number[] = [];
  p.forEach((v, j) => {
    const gj = g[j] as number;
    const held = (gj < 0 && v <= (model.lower[j] as number)) || (gj > 0 && v >= (model.upper[j] as number));
    if (!held) free.push(j);
  });
  return free;
}

/** `p` with the `free` coordinates replaced by `values`. */
function expand(p: readonly number[], free: readonly number[], values: readonly number[]): number[] {
  const out = p.slice();
  free.forEach((j, m) => {
    out[j] = values[m] as number;
  });
  return out;
}

/** The model as a function of its `free` parameters, the others fixed at their values in `p`. */
function restrict(model: CurveModel, p: readonly number[], free: readonly number[]): CurveModel {
  const jacobian = model.jacobian;
  return {
    name: model.name,
    params: free.map((j) => model.params[j] as string),
    initial: free.map((j) => p[j] as number),
    lower: free.map((j) => model.lower[j] as number),
    upper: free.map((j) => model.upper[j] as number),
    fn: (q) => model.fn(expand(p, free, q)),
    ...(jacobian
      ? {
          jacobian: (q: readonly number[]) => {
            const jac = jacobian(expand(p, free, q));
            return (x: number) => {
              const row = jac(x);
              return free.map((j) => row[j] as number);
            };
          },
        }
      : {}),
  };
}

function clampInto(model: CurveModel, p: readonly number[]): number[] {
  return p.map((v, i) => Math.min(Math.max(v, model.lower[i] as number), model.upper[i] as number));
}

/**
 * One bounded LM run from `start` with the iterations of `ml-levenberg-marquardt` (`lmIterations`, the
 * library's algorithm on typed arrays; analytic Jacobian when the model has one, bounds as `minValues`/`maxValues`).
 * The library's only stopping test is an absolute SSE threshold and it takes every step, even uphill, so it
 * is called in rounds of `roundIterations` from the best point so far, and stopped when a round no longer
 * improves the SSE relatively or the gradient says the point is stationary.
 */
export function localFit(
  model: CurveModel,
  xs: readonly number[],
  ys: readonly number[],
  start: readonly number[],
  settings: LocalFitSettings,
): LocalFit {
  let params = clampInto(model, start);
  let sse = sumOfSquares(model, params, xs, ys);
  let iterations = 0;
  let damping = settings.damping;
  while (iterations < settings.maxIterations && Number.isFinite(sse) && sse > settings.errorTolerance) {
    const round = Math.min(settings.roundIterations, settings.maxIterations - iterations);
    // Parameters that sit on a bound the gradient pushes against are held there for the round: the library
    // projects each step onto the bounds, and a clipped coordinate would otherwise spoil the coupled step of
    // the free ones (e.g. peng4nn with b = 1 on a flat curve).
    const free = freeParameters(model, params, halfGradient(model, xs, ys, params, settings.gradientStep));
    const sub = free.length > 0 && free.length < params.length ? restrict(model, params, free) : undefined;
    const active = sub ?? model;
    const jacobian = active.jacobian;
    const startValues = sub ? free.map((j) => params[j] as number) : params;
    const result = lmIterations(xs, ys, active.fn, {
      initialValues: startValues,
      minValues: active.lower,
      maxValues: active.upper,
      damping,
      maxIterations: round,
      errorTolerance: settings.errorTolerance,
      // The one-pass form only for the whole model (a restricted one has no such form).
      ...(sub === undefined && model.valueAndJacobian ? { valueAndJacobian: model.valueAndJacobian } : {}),
      ...(jacobian
        ? { jacobian }
        : {
            gradientDifference: startValues.map((v) => settings.gradientStep * Math.max(Math.abs(v), 1e-3)),
          }),
    });
    iterations += Math.max(result.iterations, 1);
    const next = clampInto(
      model,
      sub ? expand(params, free, result.parameterValues) : result.parameterValues,
    );
    const nextSse = sumOfSquares(model, next, xs, ys);
    if (!(nextSse < sse)) {
      // The library accepts every step; a round that found nothing better either sat at a minimum already,
      // or wandered off: then it restarts from the best point with stronger damping (shorter, more
      // gradient-like steps) until the damping says there is nowhere to go.
      if (isStationary(model, xs, ys, params, sse, settings)) break;
      damping *= settings.dampingGrowth;
      if (damping > settings.maxDamping) break;
      continue;
    }
    const improvement = (sse - nextSse) / Math.max(sse, Number.MIN_VALUE);
    params = next;
    sse = nextSse;
    if (improvement < settings.relativeTolerance || isStationary(model, xs, ys, params, sse, settings)) break;
    damping = settings.damping;
  }
  return { params, sse, iterations };
}
