/**
 * A parametric learning-curve family `y = f(x; p)`.
 *
 * `x` is the index of the validation point (`epoch / E`: 1, 2, 3, …); `y` an increasing, saturating score in
 * the units given by `scale` (1: fractions in [0, 1], 100: percent). Fitting (`fitCurve`) maps the data into
 * those units and back, so starts and bounds written for one scale work for data in either; decreasing
 * metrics (losses) are mapped onto an increasing score first (see `src/fit/README.md`).
 *
 * A model is a pure description: it holds no state, so one object serves every fit and every trial.
 */
export interface CurveModel {
  readonly name: string;
  /** Parameter names, in the order of the parameter vectors. */
  readonly params: readonly string[];
  /** The curve for a parameter vector. */
  fn(p: readonly number[]): (x: number) => number;
  /** Partial derivatives of the curve over each parameter (same order as `params`). */
  jacobian?(p: readonly number[]): (x: number) => number[];
  /**
   * The curve and its partial derivatives in one pass (optional, for speed): returns `fn(p)(x)` and writes
   * `jacobian(p)(x)` into `partials`, both to the bit (a test holds every model that has it to that). The fit
   * uses it to share the powers the two compute and to allocate nothing per point.
   */
  valueAndJacobian?(p: readonly number[]): (x: number, partials: Float64Array) => number;
  /** The default start point. */
  readonly initial: readonly number[];
  /** Lower bounds (`-Infinity` for none). */
  readonly lower: readonly number[];
  /** Upper bounds (`Infinity` for none). */
  readonly upper: readonly number[];
  /** Extra start points for multi-start, tried after `initial`. */
  readonly starts?: readonly (readonly number[])[];
  /** Units the starts and bounds are written for: 1 (fractions, the default) or 100 (percent). */
  readonly scale?: number;
  /**
   * Start points derived from the data (in the model's units), tried after `initial` and `starts`.
   * Must be deterministic and cheap.
   */
  guess?(xs: readonly number[], ys: readonly number[]): readonly (readonly number[])[];
}

/** Largest argument of `Math.exp` used: e^700 ≈ 1e304 leaves room for a few factors before Infinity. */
const EXP_MAX = 700;
const EXP_MIN = -745;

/** `Math.exp` clamped so that it never overflows to Infinity (it saturates at ~1e304). */
export function safeExp(v: number): number {
  return Math.exp(v > EXP_MAX ? EXP_MAX : Math.max(v, EXP_MIN));
}

/** `base ** e` for `base > 0`, computed as `exp(e·ln base)` with the exponent clamped against overflow. */
export function safePow(base: number, e: number): number {
  return safeExp(e * Math.log(base));
}

/** `v` clamped into ±1e300, so Jacobian entries built from saturated powers stay finite. */
export function clampFinite(v: number): number {
  return Math.min(Math.max(v, -1e300), 1e300);
}

/** Natural log that is -Infinity-free for non-positive input: ln of max(v, tiny). */
export function safeLog(v: number): number {
  return Math.log(Math.max(v, 1e-300));
}

/** A frozen model, with its vectors checked for matching lengths (a programming error otherwise). */
export function defineModel(model: CurveModel): CurveModel {
  const k = model.params.length;
  const vectors: [string, readonly number[]][] = [
    ['initial', model.initial],
    ['lower', model.lower],
    ['upper', model.upper],
    ...(model.starts ?? []).map((s, i): [string, readonly number[]] => [`starts[${i}]`, s]),
  ];
  for (const [what, v] of vectors) {
    if (v.length !== k) {
      throw new RangeError(`curve model ${model.name}: ${what} has ${v.length} values, expected ${k}`);
    }
  }
  for (let i = 0; i < k; i++) {
    const lo = model.lower[i] as number;
    const hi = model.upper[i] as number;
    const init = model.initial[i] as number;
    if (!(lo <= hi) || !(init >= lo && init <= hi)) {
      throw new RangeError(
        `curve model ${model.name}: parameter ${model.params[i]}: expected lower <= initial <= upper, got ${lo}, ${init}, ${hi}`,
      );
    }
  }
  return Object.freeze({ ...model });
}
