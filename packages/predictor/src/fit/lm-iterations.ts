import { inverse, Matrix } from 'ml-matrix';

/** One call of the iterations: what `ml-levenberg-marquardt`'s options say, for unit weights and no timeout. */
export interface LmIterationsOptions {
  readonly initialValues: readonly number[];
  readonly minValues: readonly number[];
  readonly maxValues: readonly number[];
  readonly damping: number;
  readonly maxIterations: number;
  readonly errorTolerance: number;
  /** The model's partial derivatives at a point; without it, central differences with `gradientDifference`. */
  readonly jacobian?: (p: number[]) => (x: number) => readonly number[];
  /**
   * The model's value and partial derivatives in one pass (`CurveModel.valueAndJacobian`): when given, it
   * replaces `fn` and `jacobian` inside the iterations (the same numbers, fewer exponentials, nothing allocated).
   */
  readonly valueAndJacobian?: (p: number[]) => (x: number, partials: Float64Array) => number;
  /** Finite-difference step per parameter (used only without `jacobian`). */
  readonly gradientDifference?: readonly number[];
}

export interface LmIterationsResult {
  readonly parameterValues: number[];
  readonly parameterError: number;
  readonly iterations: number;
}

/** The library's constants for the options Penguin leaves at their defaults. */
const DAMPING_STEP_UP = 11;
const DAMPING_STEP_DOWN = 9;
const IMPROVEMENT_THRESHOLD = 1e-3;

/**
 * Σ (y − f(x))², the library's `errorCalculation` with unit weights (dividing by 1 is exact, so it is left out);
 * keeps the residuals in `w.residual`, which the next step at the same parameters reuses instead of evaluating
 * the model again, and with `valueAndJacobian` the Jacobian of the residuals in `w.jac` as well.
 */
function errorOf(
  w: Workspace,
  xs: readonly number[],
  ys: readonly number[],
  fn: (p: number[]) => (x: number) => number,
  p: number[],
  valueAndJacobian: LmIterationsOptions['valueAndJacobian'],
): number {
  const { residual, jac, partials, n } = w;
  let error = 0;
  if (valueAndJacobian) {
    const f = valueAndJacobian(p);
    const k = p.length;
    for (let i = 0; i < n; i++) {
      const r = (ys[i] as number) - f(xs[i] as number, partials);
      residual[i] = r;
      error += r ** 2;
      for (let j = 0; j < k; j++) jac[j * n + i] = -(partials[j] as number);
    }
    return error;
  }
  const f = fn(p);
  for (let i = 0; i < n; i++) {
    const r = (ys[i] as number) - f(xs[i] as number);
    residual[i] = r;
    error += r ** 2;
  }
  return error;
}

/**
 * Work arrays of one call: the Jacobian of the residuals (k rows of n), the residuals, the damped normal matrix
 * and its Cholesky factor (k × k), the right-hand side and the step. One set is kept and grown as needed (a call
 * never runs inside another), so fits allocate nothing per call.
 */
class Workspace {
  k = 0;
  n = 0;
  jac = new Float64Array(0);
  residual = new Float64Array(0);
  normal = new Float64Array(0);
  factor = new Float64Array(0);
  rhs = new Float64Array(0);
  step = new Float64Array(0);
  partials = new Float64Array(0);

  size(k: number, n: number): this {
    this.k = k;
    this.n = n;
    if (this.jac.length < k * n) this.jac = new Float64Array(k * n);
    if (this.residual.length < n) this.residual = new Float64Array(n);
    if (this.normal.length < k * k) {
      this.normal = new Float64Array(k * k);
      this.factor = new Float64Array(k * k);
    }
    if (this.rhs.length < k) {
      this.rhs = new Float64Array(k);
      this.step = new Float64Array(k);
      this.partials = new Float64Array(k);
    }
    return this;
  }
}

const shared = new Workspace();

/** Fills `w.jac` with −∂f/∂p (analytic) or the library's central differences at `p` (`w.residual` holds y − f). */
function linearise(
  w: Workspace,
  xs: readonly number[],
  fn: (p: number[]) => (x: number) => number,
  p: number[],
  options: LmIterationsOptions,
): void {
  const { k, n, jac } = w;
  // The last `errorOf`, at these same parameters, has filled the Jacobian already.
  if (options.valueAndJacobian) return;
  if (options.jacobian) {
    const partials = options.jacobian(p);
    for (let i = 0; i < n; i++) {
      const row = partials(xs[i] as number);
      for (let j = 0; j < k; j++) jac[j * n + i] = -(row[j] as number);
    }
    return;
  }
  // Central differences as the library takes them: (f(p − δ) − f(p + δ)) / 2δ, rows of zero steps skipped
  // (their rows stay zero at the end).
  jac.fill(0, 0, k * n);
  const differences = options.gradientDifference ?? new Array<number>(k).fill(0.1);
  let row = 0;
  for (let j = 0; j < k; j++) {
    let delta = differences[j] as number;
    if (delta === 0) continue;
    const up = p.slice();
    up[j] = (up[j] as number) + delta;
    const fUp = fn(up);
    const down = p.slice();
    down[j] = (down[j] as number) - delta;
    delta *= 2;
    const fDown = fn(down);
    for (let i = 0; i < n; i++) jac[row * n + i] = (fDown(xs[i] as number) - fUp(xs[i] as number)) / delta;
    row++;
  }
}

/**
 * The step of one iteration into `w.step`: solves (JᵀJ + λI)·δ = J·r by Cholesky, as the library does, with
 * its sums in its order; falls back to the library's own inverse when the matrix is not positive definite.
 */
function solveStep(w: Workspace, damping: number): void {
  const { k, n, jac, residual, normal, factor, rhs, step } = w;
  for (let j = 0; j < k; j++) {
    for (let i = j; i < k; i++) {
      let s = 0;
      for (let m = 0; m < n; m++) s += (jac[i * n + m] as number) * (jac[j * n + m] as number);
      normal[i * k + j] = s;
      normal[j * k + i] = s;
    }
  }
  for (let i = 0; i < k; i++) normal[i * k + i] = (normal[i * k + i] as number) + damping;
  // The library's Cholesky checks symmetry with !==, so a NaN entry (a model not finite at some point) throws.
  for (let i = 0; i < k * k; i++) {
    if (Number.isNaN(normal[i])) throw new Error('Matrix is not symmetric');
  }
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let m = 0; m < n; m++) s += (jac[i * n + m] as number) * (residual[m] as number);
    rhs[i] = s;
  }
  factor.fill(0, 0, k * k);
  let positiveDefinite = true;
  for (let j = 0; j < k; j++) {
    let d = 0;
    for (let c = 0; c < j; c++) {
      let s = 0;
      for (let i = 0; i < c; i++) s += (factor[c * k + i] as number) * (factor[j * k + i] as number);
      s = ((normal[j * k + c] as number) - s) / (factor[c * k + c] as number);
      factor[j * k + c] = s;
      d = d + s * s;
    }
    d = (normal[j * k + j] as number) - d;
    positiveDefinite &&= d > 0;
    factor[j * k + j] = Math.sqrt(Math.max(d, 0));
  }
  if (!positiveDefinite) {
    const rows = Array.from({ length: k }, (_, i) => Array.from(normal.subarray(i * k, i * k + k)));
    const solved = inverse(new Matrix(rows)).mmul(Matrix.columnVector(Array.from(rhs)));
    for (let i = 0; i < k; i++) step[i] = solved.get(i, 0);
    return;
  }
  for (let c = 0; c < k; c++) {
    let b = rhs[c] as number;
    for (let i = 0; i < c; i++) b = b - (step[i] as number) * (factor[c * k + i] as number);
    step[c] = b / (factor[c * k + c] as number);
  }
  for (let c = k - 1; c >= 0; c--) {
    let b = step[c] as number;
    for (let i = c + 1; i < k; i++) b = b - (step[i] as number) * (factor[i * k + c] as number);
    step[c] = b / (factor[c * k + c] as number);
  }
}

/**
 * The iterations of `ml-levenberg-marquardt` 5.1's `levenbergMarquardt` for unit weights and no timeout, on
 * typed arrays sized once per call: the same operations in the same order, so the same parameters to the last
 * bit (a test holds them to the library's on every built-in family), without the matrix objects each of its
 * steps allocates, which took most of a replay's time. Every step is taken, even uphill, and projected onto the
 * bounds; the best point seen is returned. Like the library it throws when the normal matrix holds a NaN.
 */
export function lmIterations(
  xs: readonly number[],
  ys: readonly number[],
  fn: (p: number[]) => (x: number) => number,
  options: LmIterationsOptions,
): LmIterationsResult {
  const { minValues, maxValues, maxIterations, errorTolerance } = options;
  const parameters = Array.from(options.initialValues);
  const w = shared.size(parameters.length, xs.length);
  let damping = options.damping;
  let error = errorOf(w, xs, ys, fn, parameters, options.valueAndJacobian);
  let optimalError = error;
  let optimalParameters = parameters.slice();
  let converged = error <= errorTolerance;
  let iteration = 0;
  for (; iteration < maxIterations && !converged; iteration++) {
    const previousError = error;
    linearise(w, xs, fn, parameters, options);
    solveStep(w, damping);
    const { step, rhs } = w;
    for (let j = 0; j < parameters.length; j++) {
      parameters[j] = Math.min(
        Math.max(minValues[j] as number, (parameters[j] as number) - (step[j] as number)),
        maxValues[j] as number,
      );
    }
    error = errorOf(w, xs, ys, fn, parameters, options.valueAndJacobian);
    if (Number.isNaN(error)) break;
    if (error < optimalError - errorTolerance) {
      optimalError = error;
      optimalParameters = parameters.slice();
    }
    let predicted = 0;
    for (let j = 0; j < parameters.length; j++) {
      const s = step[j] as number;
      predicted += s * (s * damping + (rhs[j] as number));
    }
    const improvementMetric = (previousError - error) / predicted;
    damping =
      improvementMetric > IMPROVEMENT_THRESHOLD
        ? Math.max(damping / DAMPING_STEP_DOWN, 1e-7)
        : Math.min(damping * DAMPING_STEP_UP, 1e7);
    converged = error <= errorTolerance;
  }
  return { parameterValues: optimalParameters, parameterError: optimalError, iterations: iteration };
}
