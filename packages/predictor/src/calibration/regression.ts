/**
 * Ridge least squares for the calibration's features, solved through the normal equations (features are
 * standardised first, the intercept is not penalised). Small and dependency-free on purpose: the systems are at
 * most 3×3.
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

/** Where the sums of `ridgeFit` are taken from: a point near the samples' weighted mean (see `ridgeFit`). */
export interface FitCentre {
  /** One value per feature. */
  readonly features: readonly number[];
  readonly y: number;
}

/**
 * Fits y ≈ w0 + Σ wj·xj over the calibration's features (smoothed last value, raw extrapolation, and the training
 * metric where one is configured) with ridge penalty `lambda` on the standardised features (at least 1e-9, so
 * collinear features still solve), optionally with sample weights (a local, kernel-weighted fit). The features come
 * as columns, typed arrays or plain ones.
 *
 * A replay fits this at every validation point of every trial, so it is one pass over the samples: weighted sums
 * of the features and their products about `centre`, from which the centred cross-products (and so the
 * standardised Gram matrix, a p×p system with p ≤ 3, solved by Cholesky) and the residual sum of squares follow
 * algebraically. Sums about a point near the weighted mean lose no precision to cancellation; a kernel fit passes
 * the point it is centred on, and without one the first sample is used (it lies within the data's own spread).
 */
export function ridgeFit(
  columns: readonly ArrayLike<number>[],
  ys: ArrayLike<number>,
  lambda: number,
  sampleWeights?: ArrayLike<number>,
  centre?: FitCentre,
): LinearFit | undefined {
  const n = ys.length;
  const p = columns.length;
  if (n < 2 || p === 0 || columns.some((c) => c.length !== n)) return undefined;
  const cx = columns.map((c, j) => centre?.features[j] ?? (c[0] as number));
  const cy = centre?.y ?? (ys[0] as number);
  const sums = weightedSums(columns, ys, sampleWeights, cx, cy);
  const { total, squares, sy, syy, sx, sxy } = sums;
  if (!(total > 0)) return undefined;
  const my = sy / total;
  // Centred (weighted) cross-products (symmetric, p×p row-major), never below 0 on the diagonal; then the features'
  // standard deviations and the Gram matrix of the standardised features z = (x − mean) / sd plus the penalty.
  const mx = new Array<number>(p);
  for (let i = 0; i < p; i++) mx[i] = (sx[i] as number) / total;
  const cross = new Array<number>(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      // mean_j × sum_i (the order of the former two-feature closed form, so its fits are reproduced bit for bit)
      const v = (sums.sxx[i * p + j] as number) - (mx[j] as number) * (sx[i] as number);
      cross[i * p + j] = i === j ? Math.max(0, v) : v;
      cross[j * p + i] = cross[i * p + j] as number;
    }
  const xy = new Array<number>(p);
  const sds = new Array<number>(p);
  for (let i = 0; i < p; i++) {
    xy[i] = (sxy[i] as number) - (mx[i] as number) * sy;
    sds[i] = Math.sqrt((cross[i * p + i] as number) / total) || 1;
  }
  const yy = Math.max(0, syy - my * sy);
  const penalty = Math.max(lambda, 1e-9) * total;
  const gram = new Array<number>(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++)
      gram[i * p + j] =
        (cross[i * p + j] as number) / ((sds[i] as number) * (sds[j] as number)) + (i === j ? penalty : 0);
  const inverseGram = invertSymmetric(gram, p);
  if (inverseGram === undefined) return undefined;
  const weights = new Array<number>(p);
  const means = new Array<number>(p);
  let atMeans = 0;
  for (let i = 0; i < p; i++) {
    let w = 0;
    const row = inverseGram[i] as number[];
    for (let j = 0; j < p; j++) w += (row[j] as number) * ((xy[j] as number) / (sds[j] as number));
    weights[i] = w / (sds[i] as number);
    means[i] = (cx[i] as number) + (mx[i] as number);
    atMeans += (weights[i] as number) * (means[i] as number);
  }
  const intercept = cy + my - atMeans;
  // Σ w (dy − Σ wj·dj)² over centred values, expanded into the cross-products: yy − 2·Σ wi·xyi + Σ wi·wj·cij.
  let linear = 0;
  let quadratic = 0;
  for (let i = 0; i < p; i++) {
    const wi = weights[i] as number;
    linear += wi * (xy[i] as number);
    quadratic += wi * wi * (cross[i * p + i] as number);
    for (let j = i + 1; j < p; j++)
      quadratic += 2 * wi * (weights[j] as number) * (cross[i * p + j] as number);
  }
  const sse = yy - 2 * linear + quadratic;
  // Weighted mean square, corrected for the parameters with the effective sample size.
  const effective = total ** 2 / squares;
  const dofFactor = effective / Math.max(1, effective - p - 1); // the features and the intercept
  return {
    weights: [intercept, ...weights],
    residualSd: Math.sqrt((Math.max(0, sse) / total) * dofFactor),
    n: effective,
    total,
    means,
    sds,
    inverseGram,
  };
}

/** Weighted sums about a centre: of the weights and their squares, of y and y², of each feature and its products. */
interface WeightedSums {
  readonly total: number;
  readonly squares: number;
  readonly sy: number;
  readonly syy: number;
  readonly sx: number[];
  readonly sxy: number[];
  /** Σ w·di·dj for j ≤ i, row-major in a p×p array (the upper triangle unused). */
  readonly sxx: number[];
}

/**
 * The sums `ridgeFit` needs, in one pass. The calibration's two and three features have their own loops with the
 * sums in locals (a replay runs this at every point of every trial: 15,625 curves took half as long again through
 * the general loop); any other count goes through the general one.
 */
function weightedSums(
  columns: readonly ArrayLike<number>[],
  ys: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  cx: readonly number[],
  cy: number,
): WeightedSums {
  const n = ys.length;
  const p = columns.length;
  let total = 0;
  let squares = 0;
  let sy = 0;
  let syy = 0;
  if (p === 2 || p === 3) {
    const [a, b] = columns as [ArrayLike<number>, ArrayLike<number>];
    const c = p === 3 ? (columns[2] as ArrayLike<number>) : undefined;
    const [ca, cb] = cx as [number, number];
    const cc = p === 3 ? (cx[2] as number) : 0;
    let sa = 0;
    let sb = 0;
    let sc = 0;
    let saa = 0;
    let sab = 0;
    let sbb = 0;
    let sac = 0;
    let sbc = 0;
    let scc = 0;
    let say = 0;
    let sby = 0;
    let scy = 0;
    for (let k = 0; k < n; k++) {
      const wk = weights === undefined ? 1 : (weights[k] as number);
      const da = (a[k] as number) - ca;
      const db = (b[k] as number) - cb;
      const dy = (ys[k] as number) - cy;
      const wa = wk * da;
      const wb = wk * db;
      total += wk;
      squares += wk * wk;
      sy += wk * dy;
      syy += wk * dy * dy;
      sa += wa;
      sb += wb;
      saa += wa * da;
      sab += wa * db;
      sbb += wb * db;
      say += wa * dy;
      sby += wb * dy;
      if (c !== undefined) {
        const dc = (c[k] as number) - cc;
        const wc = wk * dc;
        sc += wc;
        sac += wa * dc;
        sbc += wb * dc;
        scc += wc * dc;
        scy += wc * dy;
      }
    }
    return p === 2
      ? { total, squares, sy, syy, sx: [sa, sb], sxy: [say, sby], sxx: [saa, 0, sab, sbb] }
      : {
          total,
          squares,
          sy,
          syy,
          sx: [sa, sb, sc],
          sxy: [say, sby, scy],
          sxx: [saa, 0, 0, sab, sbb, 0, sac, sbc, scc],
        };
  }
  const sx = new Array<number>(p).fill(0);
  const sxy = new Array<number>(p).fill(0);
  const sxx = new Array<number>(p * p).fill(0);
  const d = new Array<number>(p).fill(0);
  for (let k = 0; k < n; k++) {
    const wk = weights === undefined ? 1 : (weights[k] as number);
    const dy = (ys[k] as number) - cy;
    total += wk;
    squares += wk * wk;
    sy += wk * dy;
    syy += wk * dy * dy;
    for (let i = 0; i < p; i++) {
      const di = ((columns[i] as ArrayLike<number>)[k] as number) - (cx[i] as number);
      d[i] = di;
      const wi = wk * di;
      sx[i] = (sx[i] as number) + wi;
      sxy[i] = (sxy[i] as number) + wi * dy;
      for (let j = 0; j <= i; j++) sxx[i * p + j] = (sxx[i * p + j] as number) + wi * (d[j] as number);
    }
  }
  return { total, squares, sy, syy, sx, sxy, sxx };
}

/**
 * The inverse of a small symmetric positive definite matrix (p×p, row-major), in closed form for 2×2 and by its
 * Cholesky factor beyond, or undefined when a pivot (a diagonal entry of the factor, squared) falls below 1e-12: the
 * features are too collinear for the penalty to separate.
 */
function invertSymmetric(matrix: readonly number[], p: number): number[][] | undefined {
  if (p === 2) {
    const [g00, g01, , g11] = matrix as [number, number, number, number];
    const determinant = g00 * g11 - g01 * g01;
    // The second pivot of an elimination, determinant / g00, must not vanish (g00 >= the penalty > 0).
    if (!(determinant / g00 >= 1e-12)) return undefined;
    return [
      [g11 / determinant, -g01 / determinant],
      [-g01 / determinant, g00 / determinant],
    ];
  }
  const factor = new Array<number>(p * p).fill(0);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * p + j] as number;
      for (let k = 0; k < j; k++) sum -= (factor[i * p + k] as number) * (factor[j * p + k] as number);
      if (i === j) {
        if (!(sum >= 1e-12)) return undefined;
        factor[i * p + i] = Math.sqrt(sum);
      } else factor[i * p + j] = sum / (factor[j * p + j] as number);
    }
  }
  // Solve L Lᵀ X = I column by column.
  const inverse = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const y = new Array<number>(p);
  for (let c = 0; c < p; c++) {
    for (let i = 0; i < p; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= (factor[i * p + k] as number) * (y[k] as number);
      y[i] = sum / (factor[i * p + i] as number);
    }
    for (let i = p - 1; i >= 0; i--) {
      let sum = y[i] as number;
      for (let k = i + 1; k < p; k++)
        sum -= (factor[k * p + i] as number) * ((inverse[k] as number[])[c] as number);
      (inverse[i] as number[])[c] = sum / (factor[i * p + i] as number);
    }
  }
  return inverse;
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
