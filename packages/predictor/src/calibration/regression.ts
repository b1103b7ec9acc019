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

/** Where the sums of `ridgeFit` are taken from: a point near the samples' weighted mean (see `ridgeFit`). */
export interface FitCentre {
  readonly a: number;
  readonly b: number;
  readonly y: number;
}

/**
 * Fits y ≈ w0 + wa·a + wb·b, the calibration's two features (smoothed last value, raw extrapolation), with ridge
 * penalty `lambda` on the standardised features (at least 1e-9, so collinear features still solve), optionally with
 * sample weights (a local, kernel-weighted fit). The features come as columns, typed arrays or plain ones.
 *
 * A replay fits this at every validation point of every trial, so it is one pass over the samples: weighted sums
 * of the features and their products about `centre`, from which the centred cross-products (and so the
 * standardised Gram matrix, a 2×2 system solved in closed form) and the residual sum of squares follow
 * algebraically. Sums about a point near the weighted mean lose no precision to cancellation; a kernel fit passes
 * the point it is centred on, and without one the first sample is used (it lies within the data's own spread).
 */
export function ridgeFit(
  [a, b]: readonly [ArrayLike<number>, ArrayLike<number>],
  ys: ArrayLike<number>,
  lambda: number,
  sampleWeights?: ArrayLike<number>,
  centre?: FitCentre,
): LinearFit | undefined {
  const n = ys.length;
  if (n < 2 || a.length !== n || b.length !== n) return undefined;
  const ca = centre?.a ?? (a[0] as number);
  const cb = centre?.b ?? (b[0] as number);
  const cy = centre?.y ?? (ys[0] as number);
  let total = 0;
  let squares = 0;
  let sa = 0;
  let sb = 0;
  let sy = 0;
  let saa = 0;
  let sab = 0;
  let sbb = 0;
  let say = 0;
  let sby = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const wk = sampleWeights === undefined ? 1 : (sampleWeights[k] as number);
    const da = (a[k] as number) - ca;
    const db = (b[k] as number) - cb;
    const dy = (ys[k] as number) - cy;
    const wa = wk * da;
    const wb = wk * db;
    total += wk;
    squares += wk * wk;
    sa += wa;
    sb += wb;
    sy += wk * dy;
    saa += wa * da;
    sab += wa * db;
    sbb += wb * db;
    say += wa * dy;
    sby += wb * dy;
    syy += wk * dy * dy;
  }
  if (!(total > 0)) return undefined;
  const ma = sa / total;
  const mb = sb / total;
  const my = sy / total;
  // Centred (weighted) cross-products, never below 0 on the diagonal.
  const aa = Math.max(0, saa - ma * sa);
  const bb = Math.max(0, sbb - mb * sb);
  const yy = Math.max(0, syy - my * sy);
  const ab = sab - ma * sb;
  const ay = say - ma * sy;
  const by = sby - mb * sy;
  const aSd = Math.sqrt(aa / total) || 1;
  const bSd = Math.sqrt(bb / total) || 1;
  // The Gram matrix of the standardised features z = (x − mean) / sd is the cross-products over sd_i·sd_j.
  const penalty = Math.max(lambda, 1e-9) * total;
  const g00 = aa / (aSd * aSd) + penalty;
  const g11 = bb / (bSd * bSd) + penalty;
  const g01 = ab / (aSd * bSd);
  const determinant = g00 * g11 - g01 * g01;
  // The second pivot of an elimination, determinant / g00, must not vanish (g00 >= total × penalty > 0).
  if (!(determinant / g00 >= 1e-12)) return undefined;
  const i00 = g11 / determinant;
  const i01 = -g01 / determinant;
  const i11 = g00 / determinant;
  const ra = ay / aSd;
  const rb = by / bSd;
  const weightA = (i00 * ra + i01 * rb) / aSd;
  const weightB = (i01 * ra + i11 * rb) / bSd;
  const intercept = cy + my - (weightA * (ca + ma) + weightB * (cb + mb));
  // Σ w (dy − wa·da − wb·db)² over centred values, expanded into the cross-products.
  const sse = Math.max(
    0,
    yy -
      2 * (weightA * ay + weightB * by) +
      weightA * weightA * aa +
      2 * weightA * weightB * ab +
      weightB * weightB * bb,
  );
  // Weighted mean square, corrected for the parameters with the effective sample size.
  const effective = total ** 2 / squares;
  const dofFactor = effective / Math.max(1, effective - 2 - 1); // two features and the intercept
  return {
    weights: [intercept, weightA, weightB],
    residualSd: Math.sqrt((sse / total) * dofFactor),
    n: effective,
    total,
    means: [ca + ma, cb + mb],
    sds: [aSd, bSd],
    inverseGram: [
      [i00, i01],
      [i01, i11],
    ],
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
