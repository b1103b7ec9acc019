import { fileURLToPath } from 'node:url';
import { readCurveFile } from '@penguin-nas/core';
import { prepareCurves } from '@penguin-nas/predictor';
import { describe, expect, it } from 'vitest';

const FILE = fileURLToPath(new URL('../curves/fmnist-mlp-100.jsonl', import.meta.url));

describe('the recorded Fashion-MNIST search (bench/e2e/curves)', () => {
  it('holds 100 curves of 20 validation points to epoch 10, with their genomes, that replay without a skip', async () => {
    const records = await readCurveFile(FILE);
    expect(records).toHaveLength(100);
    for (const record of records) {
      expect(record.epochs).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) / 2));
      expect(record.metrics.val_acc?.every((v) => v !== null && v >= 0 && v <= 100)).toBe(true);
      expect(record.metrics.val_loss).toHaveLength(20);
      expect(Object.keys(record.genome ?? {}).length).toBeGreaterThan(0);
    }
    const prepared = prepareCurves(records, 'val_acc');
    expect(prepared.skipped).toEqual([]);
    expect(new Set(prepared.curves.map((c) => c.target))).toEqual(new Set([10]));
  });
});
