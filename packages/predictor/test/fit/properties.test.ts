import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitCurve, fitEnsemble } from '../../src/fit/index.js';
import { builtinModelNames, builtinModels } from '../../src/models/index.js';

const value = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    0,
    -0,
    1e308,
    -1e308,
    5e-324,
  ),
  fc.double({ min: 0, max: 100, noNaN: true }),
);
const family = fc.constantFrom(...builtinModelNames);

describe('fits of arbitrary data', () => {
  it('never throw, and succeed only with finite parameters and a finite SSE', () => {
    fc.assert(
      fc.property(
        family,
        fc.array(value, { maxLength: 12 }),
        fc.array(value, { maxLength: 12 }),
        fc.constantFrom<'maximize' | 'minimize'>('maximize', 'minimize'),
        (name, xs, ys, direction) => {
          const fit = fitCurve(builtinModels[name], xs, ys, { starts: 1, maxIterations: 20, direction });
          if (fit.ok) {
            expect(fit.params.every(Number.isFinite)).toBe(true);
            expect(Number.isFinite(fit.sse)).toBe(true);
          } else {
            expect(fit.reason.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });

  it('give a finite ensemble prediction for every non-constant finite curve', () => {
    fc.assert(
      fc.property(
        family,
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 3, maxLength: 15 }),
        (name, ys) => {
          const xs = ys.map((_, i) => i + 1);
          const ensemble = fitEnsemble([builtinModels[name], builtinModels.pow3], xs, ys, 50, {
            starts: 1,
            maxIterations: 20,
          });
          if (ensemble.ok) {
            expect(Number.isFinite(ensemble.prediction)).toBe(true);
            expect(ensemble.spread).toBeGreaterThanOrEqual(0);
          } else {
            expect(ensemble.reason).toMatch(/constant curve/);
          }
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  });
});
