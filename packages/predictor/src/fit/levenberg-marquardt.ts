import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import type { CurveModel } from '../models/types.js';

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

function clampInto(model: CurveModel, p: readonly number[]): number[] {
  return p.map((v, i) => Math.min(Math.max(v, model.lower[i] as number), model.upper[i] as number));
}

/**
 * One bounded LM run from `start` with `ml-levenberg-marquardt` (analytic Jacobian when the model has one,
 * bounds as `minValues`/`maxValues`). The library's only stopping test is an absolute SSE threshold, so it is
 * called in rounds of `roundIterations` and stopped when a round no longer improves the SSE relatively.
 */
export function localFit(
  model: CurveModel,
  xs: readonly number[],
  ys: readonly number[],
  start: readonly number[],
  settings: LocalFitSettings,
): LocalFit {
  const data = { x: xs, y: ys };
  const fn = (p: number[]) => model.fn(p);
  const jacobian = model.jacobian;
  let params = clampInto(model, start);
  let sse = sumOfSquares(model, params, xs, ys);
  let iterations = 0;
  let damping = settings.damping;
  while (iterations < settings.maxIterations && Number.isFinite(sse) && sse > settings.errorTolerance) {
    const round = Math.min(settings.roundIterations, settings.maxIterations - iterations);
    const result = levenbergMarquardt(data, fn, {
      initialValues: params,
      minValues: model.lower,
      maxValues: model.upper,
      damping,
      maxIterations: round,
      errorTolerance: settings.errorTolerance,
      ...(jacobian
        ? { jacobianFunction: (p: number[]) => jacobian(p) }
        : {
            gradientDifference: params.map((v) => settings.gradientStep * Math.max(Math.abs(v), 1e-3)),
            centralDifference: true,
          }),
    });
    iterations += Math.max(result.iterations, 1);
    const next = result.parameterValues;
    const nextSse = sumOfSquares(model, next, xs, ys);
    if (!(nextSse < sse)) {
      // The library accepts every step; a round that found nothing better restarts from the best point with
      // stronger damping (shorter, more gradient-like steps) until the damping says there is nowhere to go.
      damping *= settings.dampingGrowth;
      if (damping > settings.maxDamping) break;
      continue;
    }
    const improvement = (sse - nextSse) / Math.max(sse, Number.MIN_VALUE);
    params = next;
    sse = nextSse;
    if (improvement < settings.relativeTolerance) break;
    damping = settings.damping;
  }
  return { params, sse, iterations };
}
