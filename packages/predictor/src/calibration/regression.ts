/**
 * Ridge least squares for a handful of features, solved through the normal equations (features are
 * standardised first, the intercept is not penalised). Small and dependency-free on purpose: the systems
 * are at most 3×3.
 */
export interface LinearFit {
  /** Intercept first, then one weight per feature (in the features' own units). */
  readonly weights: readonly number[];
  /** Root mean squared residual with n - p degrees of freedom. */
  readonly residualSd: number;
  /** Effective sample size, (Σw)² / Σw² (n without weights). */
  readonly n: number;
  /** Sum of the sample weights. */
  readonly total: number;
  /** Feature means and standard deviations, and the inverse of the (ridge) Gram matrix of standardised features. */
  readonly means: readonly number[];
  readonly sds: readonly number[];
  readonly inverseGram: readonly (readonly number[])[];
}

/** Solves A x = b for a small dense system by Gaussian elimination with partial pivoting; undefined if singular. */
export function solveSmall(
  matrix: readonly (readonly number[])[],
  rhs: readonly number[],
): number[] | undefined {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number))
        pivot = r;
    }
    const pivotRow = a[pivot] as number[];
    if (Math.abs(pivotRow[col] as number) < 1e-12) return undefined;
    [a[col], a[pivot]] = [pivotRow, a[col] as number[]];
    const top = a[col] as number[];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = (row[col] as number) / (top[col] as number);
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - factor * (top[c] as number);
    }
  }
  return a.map((row, i) => (row[n] as number) / (row[i] as number));
}

/**
 * Fits y ≈ w0 + Σ wj·xj with ridge penalty `lambda` on standardised features (at least 1e-9, so collinear
 * features still solve), optionally with sample weights (a local, kernel-weighted fit). The features come as
 * columns (`columns[j][k]` is feature j of sample k), typed arrays or plain ones: a replay fits this hundreds of
 * thousands of times, and columns let the calibration keep its samples without an array per sample.
 */
export function ridgeFit(
  columns: readonly ArrayLike<number>[],
  ys: ArrayLike<number>,
  lambda: number,
  sampleWeights?: ArrayLike<number>,
): LinearFit | undefined {
  const n = ys.length;
  const p = columns.length;
  if (n < 2 || columns.some((column) => column.length !== n)) return undefined;
  if (p === 2)
    return ridgeFitTwo(
      columns[0] as ArrayLike<number>,
      columns[1] as ArrayLike<number>,
      ys,
      lambda,
      sampleWeights,
    );
  // Three passes over the samples, each sum in sample order: weighted means; centred cross-products, from which
  // the standardised Gram matrix follows; the residuals (below).
  const w = sampleWeights ?? new Float64Array(n).fill(1);
  let total = 0;
  let squares = 0;
  let ySum = 0;
  const sums = new Float64Array(p);
  for (let k = 0; k < n; k++) {
    const wk = w[k] as number;
    total += wk;
    squares += wk * wk;
    ySum += wk * (ys[k] as number);
    for (let j = 0; j < p; j++)
      sums[j] = (sums[j] as number) + wk * ((columns[j] as ArrayLike<number>)[k] as number);
  }
  if (!(total > 0)) return undefined;
  const means = Array.from(sums, (sum) => sum / total);
  const yMean = ySum / total;
  const cross = new Float64Array(p * p);
  const rhsSums = new Float64Array(p);
  const d = new Float64Array(p);
  for (let k = 0; k < n; k++) {
    const wk = w[k] as number;
    for (let j = 0; j < p; j++)
      d[j] = ((columns[j] as ArrayLike<number>)[k] as number) - (means[j] as number);
    const dy = (ys[k] as number) - yMean;
    for (let i = 0; i < p; i++) {
      const wd = wk * (d[i] as number);
      for (let j = i; j < p; j++) cross[i * p + j] = (cross[i * p + j] as number) + wd * (d[j] as number);
      rhsSums[i] = (rhsSums[i] as number) + wd * dy;
    }
  }
  const sds = Array.from({ length: p }, (_, j) => Math.sqrt((cross[j * p + j] as number) / total) || 1);
  const effective = total ** 2 / squares;
  // Standardised features z = (x - mean) / sd: their Gram matrix is the cross-products over sd_i·sd_j.
  const gramSums = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = i; j < p; j++) {
      const value = (cross[i * p + j] as number) / ((sds[i] as number) * (sds[j] as number));
      gramSums[i * p + j] = value;
      gramSums[j * p + i] = value;
    }
  for (let i = 0; i < p; i++) rhsSums[i] = (rhsSums[i] as number) / (sds[i] as number);
  return solved({ total, effective, means, sds, yMean, gramSums, rhsSums }, lambda, (intercept, weights) => {
    let sse = 0;
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (let j = 0; j < p; j++)
        sum += (weights[j] as number) * ((columns[j] as ArrayLike<number>)[k] as number);
      sse += (w[k] as number) * ((ys[k] as number) - (intercept + sum)) ** 2;
    }
    return sse;
  });
}

/** What a fit needs from its samples: weight sums, feature means and sds, the standardised Gram matrix and right-hand side. */
interface Sums {
  readonly total: number;
  readonly effective: number;
  readonly means: readonly number[];
  readonly sds: readonly number[];
  readonly yMean: number;
  readonly gramSums: Float64Array;
  readonly rhsSums: Float64Array;
}

/** Solves the ridge system of the sums; `sseOf` gives the weighted squared residuals of the solution. */
function solved(
  sums: Sums,
  lambda: number,
  sseOf: (intercept: number, weights: readonly number[]) => number,
): LinearFit | undefined {
  const { total, effective, means, sds, yMean, gramSums, rhsSums } = sums;
  const p = means.length;
  const gram = Array.from({ length: p }, (_, i) =>
    Array.from(
      { length: p },
      (_, j) => (gramSums[i * p + j] as number) + (i === j ? Math.max(lambda, 1e-9) * total : 0),
    ),
  );
  const rhs = Array.from(rhsSums);
  const beta = p === 0 ? [] : solveSmall(gram, rhs);
  if (beta === undefined) return undefined;
  const weights = beta.map((b, j) => b / (sds[j] as number));
  const intercept = yMean - weights.reduce((s, v, j) => s + v * (means[j] as number), 0);
  const sse = sseOf(intercept, weights);
  // Weighted mean square, corrected for the parameters with the effective sample size.
  const dofFactor = effective / Math.max(1, effective - p - 1);
  const inverseGram = Array.from({ length: p }, (_, j) =>
    solveSmall(
      gram,
      Array.from({ length: p }, (_, i) => (i === j ? 1 : 0)),
    ),
  );
  if (inverseGram.some((column) => column === undefined)) return undefined;
  return {
    weights: [intercept, ...weights],
    residualSd: Math.sqrt((sse / total) * dofFactor),
    n: effective,
    total,
    means,
    sds,
    inverseGram: inverseGram as number[][],
  };
}

/**
 * `ridgeFit` for two features (the calibration's: smoothed last value, raw extrapolation), the same three passes
 * with each sum in a variable: a replay of 15,625 curves fits it at every validation point of every trial.
 */
function ridgeFitTwo(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  ys: ArrayLike<number>,
  lambda: number,
  sampleWeights?: ArrayLike<number>,
): LinearFit | undefined {
  const n = ys.length;
  const w = sampleWeights ?? new Float64Array(n).fill(1);
  let total = 0;
  let squares = 0;
  let ySum = 0;
  let aSum = 0;
  let bSum = 0;
  for (let k = 0; k < n; k++) {
    const wk = w[k] as number;
    total += wk;
    squares += wk * wk;
    ySum += wk * (ys[k] as number);
    aSum += wk * (a[k] as number);
    bSum += wk * (b[k] as number);
  }
  if (!(total > 0)) return undefined;
  const aMean = aSum / total;
  const bMean = bSum / total;
  const yMean = ySum / total;
  let aa = 0;
  let ab = 0;
  let bb = 0;
  let ay = 0;
  let by = 0;
  for (let k = 0; k < n; k++) {
    const wk = w[k] as number;
    const da = (a[k] as number) - aMean;
    const db = (b[k] as number) - bMean;
    const dy = (ys[k] as number) - yMean;
    aa += wk * da * da;
    ab += wk * da * db;
    bb += wk * db * db;
    ay += wk * da * dy;
    by += wk * db * dy;
  }
  const aSd = Math.sqrt(aa / total) || 1;
  const bSd = Math.sqrt(bb / total) || 1;
  const cross = ab / (aSd * bSd);
  const sums: Sums = {
    total,
    effective: total ** 2 / squares,
    means: [aMean, bMean],
    sds: [aSd, bSd],
    yMean,
    gramSums: Float64Array.of(aa / (aSd * aSd), cross, cross, bb / (bSd * bSd)),
    rhsSums: Float64Array.of(ay / aSd, by / bSd),
  };
  return solved(sums, lambda, (intercept, [wa, wb]) => {
    let sse = 0;
    for (let k = 0; k < n; k++)
      sse +=
        (w[k] as number) *
        ((ys[k] as number) -
          (intercept + (wa as number) * (a[k] as number) + (wb as number) * (b[k] as number))) **
          2;
    return sse;
  });
}

/**
 * The predictive standard deviation at `x`: residual sd × sqrt(1 + 1/n + zᵀ G⁻¹ z) with z the standardised
 * features. It grows when `x` lies far from the trials the fit learned from (extrapolation).
 */
export function predictiveSd(fit: LinearFit, x: readonly number[]): number {
  const z = x.map((v, j) => (v - (fit.means[j] as number)) / (fit.sds[j] as number));
  let leverage = 1 / fit.n;
  const scale = fit.total / fit.n; // the Gram matrix sums weights; leverage counts samples
  for (let i = 0; i < z.length; i++) {
    for (let j = 0; j < z.length; j++) {
      leverage +=
        scale * (z[i] as number) * ((fit.inverseGram[j] as number[])[i] as number) * (z[j] as number);
    }
  }
  return fit.residualSd * Math.sqrt(1 + Math.max(0, leverage));
}

export function predictLinear(fit: LinearFit, x: readonly number[]): number {
  return x.reduce((s, v, j) => s + (fit.weights[j + 1] as number) * v, fit.weights[0] as number);
}
