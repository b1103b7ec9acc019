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
  readonly n: number;
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

/** Fits y ≈ w0 + Σ wj·xj with ridge penalty `lambda` on standardised features (at least 1e-9, so collinear features still solve). */
export function ridgeFit(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  lambda: number,
): LinearFit | undefined {
  const n = ys.length;
  const p = xs[0]?.length ?? 0;
  if (n < 2 || xs.length !== n) return undefined;
  const means = Array.from({ length: p }, (_, j) => xs.reduce((s, x) => s + (x[j] as number), 0) / n);
  const sds = means.map(
    (m, j) => Math.sqrt(xs.reduce((s, x) => s + ((x[j] as number) - m) ** 2, 0) / n) || 1,
  );
  const yMean = ys.reduce((s, y) => s + y, 0) / n;
  const z = xs.map((x) => x.map((v, j) => (v - (means[j] as number)) / (sds[j] as number)));
  const gram = Array.from({ length: p }, (_, i) =>
    Array.from(
      { length: p },
      (_, j) =>
        z.reduce((s, row) => s + (row[i] as number) * (row[j] as number), 0) +
        (i === j ? Math.max(lambda, 1e-9) * n : 0),
    ),
  );
  const rhs = Array.from({ length: p }, (_, j) =>
    z.reduce((s, row, k) => s + (row[j] as number) * ((ys[k] as number) - yMean), 0),
  );
  const beta = p === 0 ? [] : solveSmall(gram, rhs);
  if (beta === undefined) return undefined;
  const weights = beta.map((b, j) => b / (sds[j] as number));
  const intercept = yMean - weights.reduce((s, w, j) => s + w * (means[j] as number), 0);
  let sse = 0;
  xs.forEach((x, k) => {
    const fitted = intercept + weights.reduce((s, w, j) => s + w * (x[j] as number), 0);
    sse += ((ys[k] as number) - fitted) ** 2;
  });
  const dof = Math.max(1, n - p - 1);
  return { weights: [intercept, ...weights], residualSd: Math.sqrt(sse / dof), n };
}

export function predictLinear(fit: LinearFit, x: readonly number[]): number {
  return x.reduce((s, v, j) => s + (fit.weights[j + 1] as number) * v, fit.weights[0] as number);
}
