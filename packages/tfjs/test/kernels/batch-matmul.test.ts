import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, runKernel, scale, seededValues } from './compare.js';

// wasm's BatchMatMul with transposed operands is replaced by Transpose + plain product: same numbers.
describe('BatchMatMul with transposeA/transposeB on wasm equals the stock cpu kernel', () => {
  it('for random shapes and every flag combination', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          batch: fc.integer({ min: 1, max: 3 }),
          broadcast: fc.constantFrom('none', 'a', 'b'),
          rows: fc.integer({ min: 1, max: 40 }),
          depth: fc.integer({ min: 1, max: 70 }),
          cols: fc.integer({ min: 1, max: 20 }),
          transposeA: fc.boolean(),
          transposeB: fc.boolean(),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        async (g) => {
          // one operand may have a batch of 1, broadcast against the other's
          const batchA = g.broadcast === 'a' ? 1 : g.batch;
          const batchB = g.broadcast === 'b' ? 1 : g.batch;
          const a = g.transposeA ? [batchA, g.depth, g.rows] : [batchA, g.rows, g.depth];
          const b = g.transposeB ? [batchB, g.cols, g.depth] : [batchB, g.depth, g.cols];
          const call = {
            kernel: 'BatchMatMul',
            inputs: {
              a: { shape: a, values: seededValues(batchA * g.rows * g.depth, g.seed) },
              b: { shape: b, values: seededValues(batchB * g.depth * g.cols, g.seed + 1) },
            },
            attrs: { transposeA: g.transposeA, transposeB: g.transposeB },
          };
          const reference = await runKernel('stock-cpu', call);
          for (const engine of ['penguin-wasm'] as const) {
            const got = await runKernel(engine, call);
            expect(got.length, engine).toBe(g.batch * g.rows * g.cols);
            expect(maxAbsDiff(got, reference), engine).toBeLessThanOrEqual(1e-5 * scale(reference));
          }
        },
      ),
      { numRuns: 25, seed: 13 },
    );
  });
});
