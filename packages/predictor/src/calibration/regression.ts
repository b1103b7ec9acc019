/**
 * Ridge least squares for the calibration's two features, solved through the normal equations (features are
 * standardised first, the intercept is not penalised). Small and dependency-free on purpose: the systems are 2×2.
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
 * Fits y ≈ w0 + wa·a + wb·b, the calibration's two features (smoothed last value, raw extrapolation), with ridge
 * penalty `lambda` on the standardised features (at least 1e-9, so collinear features still solve), optionally with
 * sample weights (a local, kernel-weighted fit). The features come as columns, typed arrays or plain ones: a replay
 * fits this at every validation point of every trial, so the sums are three passes over the samples (weighted
 * means; centred cross-products, from which the standardised Gram matrix follows; the residuals), each sum in
 * sample order and in a variable of its own, nothing allocated per sample.
 */
export function ridgeFit(
  [a, b]: readonly [ArrayLike<number>, ArrayLike<number>],
  ys: ArrayLike<number>,
  lambda: number,
  sampleWeights?: ArrayLike<number>,
): LinearFit | undefined {
  const n = ys.length;
  if (n < 2 || a.length !== n || b.length !== n) return undefined;
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
  // The Gram matrix of the standardised features z = (x − mean) / sd is the cross-products over sd_i·sd_j.
  const cross = ab / (aSd * bSd);
  const penalty = Math.max(lambda, 1e-9) * total;
  const gram = [
    [aa / (aSd * aSd) + penalty, cross],
    [cross, bb / (bSd * bSd) + penalty],
  ];
  const beta = solveSmall(gram, [ay / aSd, by / bSd]);
  if (beta === undefined) return undefined;
  const wa = (beta[0] as number) / aSd;
  const wb = (beta[1] as number) / bSd;
  const intercept = yMean - (wa * aMean + wb * bMean);
  let sse = 0;
  for (let k = 0; k < n; k++)
    sse +=
      (w[k] as number) *
      ((ys[k] as number) - (intercept + wa * (a[k] as number) + wb * (b[k] as number))) ** 2;
  // Weighted mean square, corrected for the parameters with the effective sample size.
  const effective = total ** 2 / squares;
  const dofFactor = effective / Math.max(1, effective - 2 - 1); // two features and the intercept
  const inverseGram = [solveSmall(gram, [1, 0]), solveSmall(gram, [0, 1])];
  if (inverseGram[0] === undefined || inverseGram[1] === undefined) return undefined;
  return {
    weights: [intercept, wa, wb],
    residualSd: Math.sqrt((sse / total) * dofFactor),
    n: effective,
    total,
    means: [aMean, bMean],
    sds: [aSd, bSd],
    inverseGram: inverseGram as number[][],
  };
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
