import { createRng } from '@penguin-nas/core';
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { describe, expect, it } from 'vitest';
import { lmIterations } from '../../src/fit/lm-iterations.js';
import { builtinModels, type CurveModel } from '../../src/models/index.js';

/**
 * `lmIterations` is `ml-levenberg-marquardt`'s algorithm on typed arrays; it must give the library's numbers to
 * the last bit (replays must not move when it replaced the library), on every family, from good and bad starts,
 * with the analytic Jacobian and with central differences, damping small and large.
 */

/** A noisy saturating curve in percent, as the families are fitted to (x = 1 … n). */
function curve(seed: number, n: number): { xs: number[]; ys: number[] } {
  const rng = createRng(seed);
  const top = 50 + 45 * rng.next();
  const rate = 0.02 + 0.5 * rng.next();
  const start = top * rng.next() * 0.8;
  const xs = Array.from({ length: n }, (_, i) => i + 1);
  const ys = xs.map((x) => top - (top - start) * Math.exp(-rate * x) + 0.8 * rng.normal());
  return { xs, ys };
}

/** A start inside the bounds: the initial point moved at random (the bad starts of a multi-start). */
function startFor(model: CurveModel, seed: number): number[] {
  const rng = createRng(seed).fork(model.name);
  return model.initial.map((v, i) => {
    const moved = v === 0 ? rng.next() - 0.5 : v * 2 ** (2 * rng.next() - 1);
    return Math.min(Math.max(moved, model.lower[i] as number), model.upper[i] as number);
  });
}

/** The same value, NaN included, to the bit (Object.is also tells 0 from −0). */
function expectIdentical(ours: readonly number[], theirs: readonly number[]): void {
  expect(ours.length).toBe(theirs.length);
  ours.forEach((v, i) => {
    if (!Object.is(v, theirs[i])) throw new Error(`value ${i}: ${v} (ours) !== ${theirs[i]} (library)`);
  });
}

interface Run {
  readonly parameterValues: number[];
  readonly parameterError: number;
  readonly iterations: number;
}

function outcome(run: () => Run): Run | { error: string } {
  try {
    return run();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const cases = Object.values(builtinModels).flatMap((model) =>
  [1, 2, 3].flatMap((seed) => [1e-2, 10].map((damping) => ({ model, seed, damping, n: 5 + 7 * seed }))),
);

describe('lmIterations', () => {
  it.each(cases)(
    'matches the library on $model.name (seed $seed, damping $damping)',
    ({ model, seed, damping, n }) => {
      const { xs, ys } = curve(seed, n);
      const modelYs = ys.map((y) => (y * (model.scale ?? 1)) / 100);
      const initialValues = seed === 1 ? [...model.initial] : startFor(model, seed);
      const jacobian = model.jacobian;
      const base = {
        initialValues,
        minValues: [...model.lower],
        maxValues: [...model.upper],
        damping,
        maxIterations: 25,
        errorTolerance: 1e-20,
      };
      for (const analytic of [true, false]) {
        const gradientDifference = initialValues.map((v) => 1e-6 * Math.max(Math.abs(v), 1e-3));
        const extra =
          analytic && jacobian
            ? { jacobian: (p: number[]) => jacobian(p) }
            : { gradientDifference, centralDifference: true };
        const theirs = outcome(() =>
          levenbergMarquardt({ x: xs, y: modelYs }, (p: number[]) => model.fn(p), {
            ...base,
            ...(analytic && jacobian ? { jacobianFunction: (p: number[]) => jacobian(p) } : extra),
          }),
        );
        const ours = outcome(() =>
          lmIterations(xs, modelYs, (p) => model.fn(p), {
            ...base,
            ...(analytic && jacobian ? { jacobian: (p: number[]) => jacobian(p) } : { gradientDifference }),
          }),
        );
        // The one-pass form where the model has it: the same numbers again.
        const oneShot = model.valueAndJacobian;
        if (analytic && oneShot) {
          const shared = outcome(() =>
            lmIterations(xs, modelYs, (p) => model.fn(p), {
              ...base,
              jacobian: (p: number[]) => (jacobian as NonNullable<typeof jacobian>)(p),
              valueAndJacobian: (p: number[]) => oneShot(p),
            }),
          );
          expect(shared).toEqual(ours);
          if (!('error' in shared) && !('error' in ours))
            expectIdentical(shared.parameterValues, ours.parameterValues);
        }
        if ('error' in theirs || 'error' in ours) {
          // A model that is not finite somewhere makes both throw, with the same message.
          expect(ours).toEqual(theirs);
          continue;
        }
        expect(ours.iterations).toBe(theirs.iterations);
        expectIdentical([ours.parameterError], [theirs.parameterError]);
        expectIdentical(ours.parameterValues, theirs.parameterValues);
      }
    },
  );

  it.each([
    // JᵀJ = 4e304 in every entry: the damping is lost in it, the matrix is singular, and ml-matrix's inverse throws.
    ['singular but finite', 1e152, 'throws'],
    // JᵀJ overflows: the Cholesky step meets Inf − Inf, the inverse gives NaN, and the run stops at its start.
    ['overflowing to Infinity', 1e200, 'stops'],
  ])('follows the library where the damped matrix is not positive definite: %s', (_, size, end) => {
    // Two parameters with identical, huge partial derivatives: JᵀJ + λI is singular in floating point, and the
    // library falls back to ml-matrix's inverse; both must end the same way (same numbers, or the same error).
    const xs = [1, 2, 3, 4];
    const ys = [1, 2, 3, 5];
    const fn = (p: readonly number[]) => (x: number) => ((p[0] as number) + (p[1] as number)) * x;
    const jacobian = () => () => [size, size];
    const base = {
      initialValues: [0.1, 0.2],
      minValues: [-10, -10],
      maxValues: [10, 10],
      damping: 0.01,
      maxIterations: 5,
      errorTolerance: 1e-20,
    };
    const theirs = outcome(() =>
      levenbergMarquardt({ x: xs, y: ys }, (p: number[]) => fn(p), { ...base, jacobianFunction: jacobian }),
    );
    const ours = outcome(() => lmIterations(xs, ys, fn, { ...base, jacobian }));
    expect('error' in theirs ? 'throws' : 'stops').toBe(end);
    if ('error' in theirs || 'error' in ours) {
      expect(ours).toEqual(theirs);
      return;
    }
    expect(ours.iterations).toBe(theirs.iterations);
    expectIdentical(ours.parameterValues, theirs.parameterValues);
    expectIdentical([ours.parameterError], [theirs.parameterError]);
  });

  it('stops at once when the start already fits within the tolerance', () => {
    const xs = [1, 2, 3, 4];
    const f = (p: readonly number[]) => (x: number) => (p[0] as number) * x;
    const result = lmIterations(
      xs,
      xs.map((x) => 2 * x),
      f,
      {
        initialValues: [2],
        minValues: [-10],
        maxValues: [10],
        damping: 0.01,
        maxIterations: 10,
        errorTolerance: 1e-12,
      },
    );
    expect(result).toEqual({ parameterValues: [2], parameterError: 0, iterations: 0 });
  });

  it('keeps each step inside the bounds and returns the best point seen', () => {
    const xs = [1, 2, 3, 4, 5];
    const ys = xs.map((x) => 7 * x);
    const result = lmIterations(xs, ys, (p) => (x) => (p[0] as number) * x, {
      initialValues: [0],
      minValues: [-1],
      maxValues: [3],
      damping: 0.01,
      maxIterations: 20,
      errorTolerance: 1e-12,
    });
    // The least-squares slope 7 lies outside [−1, 3]: the best bounded point is the bound.
    expect(result.parameterValues).toEqual([3]);
    expect(result.parameterError).toBeCloseTo(16 * (1 + 4 + 9 + 16 + 25), 9);
  });

  it('solves a linear problem with the analytic Jacobian', () => {
    const xs = [0, 1, 2, 3];
    const ys = xs.map((x) => 1.5 + 0.5 * x);
    const result = lmIterations(xs, ys, (p) => (x) => (p[0] as number) + (p[1] as number) * x, {
      initialValues: [0, 0],
      minValues: [-100, -100],
      maxValues: [100, 100],
      damping: 1e-9,
      maxIterations: 5,
      errorTolerance: 1e-20,
      jacobian: () => (x) => [1, x],
    });
    expect(result.parameterValues[0]).toBeCloseTo(1.5, 6);
    expect(result.parameterValues[1]).toBeCloseTo(0.5, 6);
    expect(result.parameterError).toBeLessThan(1e-12);
  });
});
