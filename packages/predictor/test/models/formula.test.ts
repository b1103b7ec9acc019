import { describe, expect, it } from 'vitest';
import { fitCurve } from '../../src/fit/index.js';
import { builtinModels, modelFromFormula } from '../../src/models/index.js';

const pengParams = [
  { name: 'a', initial: 10, lower: 0.5, upper: 200 },
  { name: 'b', initial: 1.001, lower: 1 },
  { name: 'c', initial: 100, lower: 0 },
];

describe('modelFromFormula', () => {
  it('compiles a formula into the same curve and Jacobian as the built-in family', () => {
    const model = modelFromFormula({ name: 'mine', formula: 'a - b^(c - x)', params: pengParams });
    expect(model.name).toBe('mine');
    expect(model.params).toEqual(['a', 'b', 'c']);
    expect(model.lower).toEqual([0.5, 1, 0]);
    expect(model.upper).toEqual([200, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
    const p = [30, 1.2, 9];
    for (const x of [1, 3.5, 20]) {
      expect(model.fn(p)(x)).toBeCloseTo(builtinModels.peng4nn.fn(p)(x), 12);
      const symbolic = model.jacobian?.(p)(x) ?? [];
      const analytic = builtinModels.peng4nn.jacobian?.(p)(x) ?? [];
      symbolic.forEach((v, i) => {
        expect(v).toBeCloseTo(analytic[i] as number, 10);
      });
    }
  });

  it('fits like the built-in family', () => {
    const ys = [9.68, 14.91, 17.29, 19.5, 20.97, 22.67, 23.36, 24.2];
    const xs = ys.map((_, i) => i + 1);
    const model = modelFromFormula({ formula: 'a - b^(c - x)', params: pengParams, scale: 100 });
    const mine = fitCurve(model, xs, ys, { starts: 1 });
    const builtin = fitCurve(builtinModels.peng4nn, xs, ys, { starts: 1 });
    if (!mine.ok || !builtin.ok) throw new Error('fit failed');
    expect(mine.evaluate(40)).toBeCloseTo(builtin.evaluate(40), 4);
  });

  it('accepts functions and constants', () => {
    const model = modelFromFormula({
      formula: 'c - exp(-k * x) * e + 0 * pi',
      params: [
        { name: 'c', initial: 0.8 },
        { name: 'k', initial: 0.1 },
      ],
    });
    expect(model.fn([1, 0.5])(2)).toBeCloseTo(1 - Math.exp(-1) * Math.E, 12);
  });

  it('turns complex results into NaN, never into objects', () => {
    const model = modelFromFormula({ formula: 'log(a - x)', params: [{ name: 'a', initial: 1 }] });
    expect(model.fn([1])(3)).toBeNaN();
  });

  it.each([
    [
      'a - (b',
      [
        { name: 'a', initial: 1 },
        { name: 'b', initial: 1 },
      ],
      /curve formula 'a - \(b': syntax error/,
    ],
    ['a - q * x', [{ name: 'a', initial: 1 }], /unknown symbol 'q'/],
    ['a - evaluate("1") * x', [{ name: 'a', initial: 1 }], /unknown function 'evaluate'/],
    ['f(x) = a', [{ name: 'a', initial: 1 }], /FunctionAssignmentNode/],
    [
      'a * x',
      [
        { name: 'a', initial: 1 },
        { name: 'b', initial: 1 },
      ],
      /parameter\(s\) b do not appear/,
    ],
    ['a + 1', [{ name: 'a', initial: 1 }], /does not use x/],
    [
      'a * x',
      [{ name: 'a', initial: 5, lower: 0, upper: 1 }],
      /parameter a: expected lower <= initial <= upper/,
    ],
    [
      'a * x',
      [
        { name: 'a', initial: 1 },
        { name: 'a', initial: 2 },
      ],
      /'a' is declared twice/,
    ],
    ['x * x', [{ name: 'x', initial: 1 }], /'x' cannot be a parameter name/],
    ['a * x', [], /expected at least one parameter/],
    ['', [{ name: 'a', initial: 1 }], /expected a non-empty formula string/],
  ])('rejects %j with a message naming the problem', (formula, params, message) => {
    expect(() => modelFromFormula({ formula, params })).toThrow(message);
  });
});
