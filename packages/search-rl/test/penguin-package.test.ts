import { createRng, defineSpace } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { penguinPackage } from '../src/penguin-package.js';

describe('penguinPackage', () => {
  it('names reinforce and validates its options', async () => {
    const [definition] = penguinPackage.searchers ?? [];
    expect(definition?.name).toBe('reinforce');
    const bad = definition?.options.safeParse({ batchSize: 0, floatbins: 3 });
    expect(bad?.success).toBe(false);
    const paths = bad?.error?.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toContain('batchSize');
    expect(paths).toContain('unrecognized_keys');
    const space = defineSpace({
      name: 's',
      decisions: [{ kind: 'float', name: 'lr', low: 0.001, high: 0.1, log: true }],
    });
    const options = definition?.options.parse({ floatBins: 5, hiddenSize: 4 });
    const searcher = definition?.create(options, { configDir: '.', seed: 1 })({
      space,
      rng: createRng(1),
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    });
    const genomes = (await searcher?.ask(5)) ?? [];
    const values = genomes.map((g) => g.lr as number).sort((a, b) => a - b);
    for (const [k, v] of [0.001, 0.1 ** 2.5, 0.01, 0.1 ** 1.5, 0.1].entries())
      expect(values[k]).toBeCloseTo(v, 12);
    (searcher as unknown as { dispose(): void }).dispose();
  });
});
