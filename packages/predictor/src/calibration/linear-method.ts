import { robustScale, upperMedian } from '../stats/robust-scale.js';
import { type LinearFit, predictLinear, ridgeFit } from './regression.js';

/** The `linear` method's regression for one epoch and what its residual scale needs. */
export interface GlobalFit {
  readonly fit: LinearFit;
  /** Fitted values and residuals of every sample (outliers included). */
  readonly fitted: readonly number[];
  readonly residuals: readonly number[];
  readonly bandwidth: number;
  /** 1.4826 × the median absolute residual, or the fit's residual sd when that is 0. */
  readonly global: number;
}

/** Kernel bandwidth over fitted values: half their robust spread (1.4826 × MAD), never 0. */
function bandwidthOf(fitted: readonly number[]): number {
  const median = upperMedian([...fitted]);
  const mad = robustScale(fitted.map((v) => Math.abs(v - median)));
  return mad > 0 ? 0.5 * mad : 1e-9 + Math.abs(median) * 1e-6;
}

/**
 * Residual scale near a predicted value: a Gaussian-kernel weighted root mean square of the residuals of
 * samples with similar fitted values, shrunk towards the robust global scale with 3 pseudo-samples. Good and
 * bad trials are not equally predictable (residuals are heteroscedastic), so one global scale is too wide for
 * the ones that matter and too narrow for the rest.
 */
export function localResidualSd(entry: GlobalFit, value: number): number {
  let weighted = 0;
  let weights = 0;
  for (let i = 0; i < entry.fitted.length; i++) {
    const w = Math.exp(-0.5 * (((entry.fitted[i] as number) - value) / entry.bandwidth) ** 2);
    weighted += w * (entry.residuals[i] as number) ** 2;
    weights += w;
  }
  const prior = 3;
  return Math.sqrt((weighted + prior * entry.global ** 2) / (weights + prior));
}

/** The `linear` method's regression: a trimmed ridge fit (starting from `first`) and its residuals. */
export function globalFit(
  first: LinearFit,
  columns: readonly Float64Array[],
  finals: Float64Array,
  ridge: number,
  minimum: number,
): GlobalFit {
  const fit = trimmedFit(first, columns, finals, ridge, minimum);
  const fitted = Array.from(finals, (_, i) => predictLinear(fit, rowOf(columns, i)));
  const residuals = Array.from(finals, (y, i) => y - (fitted[i] as number));
  const robustGlobal = robustScale(residuals.map(Math.abs));
  return {
    fit,
    fitted,
    residuals,
    bandwidth: bandwidthOf(fitted),
    global: robustGlobal > 0 ? robustGlobal : fit.residualSd,
  };
}

/**
 * Ridge fit, then a refit without the samples whose residual exceeds 3 robust standard deviations
 * (1.4826 × median absolute residual): diverged or dead trials must not set the uncertainty of all others.
 */
function trimmedFit(
  first: LinearFit,
  columns: readonly Float64Array[],
  ys: Float64Array,
  ridge: number,
  minimum: number,
): LinearFit {
  const residuals = Array.from(ys, (y, i) => y - predictLinear(first, rowOf(columns, i)));
  const scale = robustScale(residuals.map(Math.abs));
  if (!(scale > 0)) return first;
  const keep = residuals.map((r) => Math.abs(r) <= 3 * scale);
  const kept = keep.filter(Boolean).length;
  if (kept === ys.length || kept < minimum) return first;
  const keptOf = (column: Float64Array) => column.filter((_, i) => keep[i]);
  return ridgeFit(columns.map(keptOf), keptOf(ys), ridge) ?? first;
}

/** The features of sample `i`, as a row. */
function rowOf(columns: readonly Float64Array[], i: number): number[] {
  return columns.map((column) => column[i] as number);
}
