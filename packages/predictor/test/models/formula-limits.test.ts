import { describe, expect, it } from 'vitest';
import { FORMULA_LIMITS, modelFromFormula } from '../../src/models/formula.js';

const a = [{ name: 'a', initial: 0.5 }];

/** Each took seconds to minutes, or overflowed the stack, before the formula was bounded (issue #13.9). */
const hostile: [string, string, RegExp][] = [
  [
    'sin( nested 20 deep',
    `a * ${'sin('.repeat(20)}x${')'.repeat(20)}`,
    /parentheses nested at most 12 deep, got 20/,
  ],
  [
    'sin( nested 25 deep',
    `a * ${'sin('.repeat(25)}x${')'.repeat(25)}`,
    /parentheses nested at most 12 deep, got 25/,
  ],
  [
    'a product of 12 exp(-a*x^i)',
    Array.from({ length: 12 }, (_, i) => `exp(-a*x^${i + 1})`).join(' * '),
    /its derivative in a has \d+ terms \(expression nodes\), expected at most 500/,
  ],
  [
    'a 20,000-term sum',
    Array.from({ length: 20_000 }, (_, i) => `a*x^${i}`).join(' + '),
    /expected at most 500 characters, got \d+/,
  ],
];

describe('modelFromFormula limits', () => {
  it.each(hostile)('refuses %s within a second, naming the formula and the limit', (_, formula, message) => {
    const started = performance.now();
    let error: unknown;
    try {
      modelFromFormula({ formula, params: a });
    } catch (caught) {
      error = caught;
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(`curve formula '${formula.slice(0, 20)}`);
    // A long formula is cut in the message, not printed whole.
    expect((error as Error).message.length).toBeLessThan(400);
  });

  it('refuses too many nodes and too deep a tree within the character limit', () => {
    const terms = Array.from({ length: 120 }, () => 'x').join('+');
    expect(() => modelFromFormula({ formula: `a*${terms}`, params: a })).toThrow(
      /expected at most 200 terms \(expression nodes\), got \d+/,
    );
    const deep = `a${'-x'.repeat(40)}`;
    expect(() => modelFromFormula({ formula: deep, params: a })).toThrow(
      /expected an expression nested at most 32 deep, got \d+/,
    );
  });

  it('accepts a formula at the nesting limit, with a Jacobian that matches finite differences', () => {
    const depth = FORMULA_LIMITS.parentheses - 1;
    const formula = `a * ${'tanh('.repeat(depth)}x / 10${')'.repeat(depth)}`;
    const model = modelFromFormula({ formula, params: a });
    const p = [0.7];
    const h = 1e-6;
    const numeric = (model.fn([p[0] + h])(3) - model.fn([p[0] - h])(3)) / (2 * h);
    expect(model.jacobian?.(p)(3)[0]).toBeCloseTo(numeric, 6);
  });
});
