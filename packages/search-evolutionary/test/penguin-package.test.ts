import { createRng } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { penguinPackage } from '../src/penguin-package.js';
import { toySpace } from './helpers.js';

const context = { configDir: '.', seed: 1 };
const objectives = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }] as const;

describe('penguinPackage', () => {
  it('names nsga2 and regularized-evolution, with working factories', async () => {
    const names = penguinPackage.searchers?.map((s) => s.name);
    expect(names).toEqual(['nsga2', 'regularized-evolution']);
    for (const definition of penguinPackage.searchers ?? []) {
      const options = definition.options.parse(
        definition.name === 'nsga2' ? { populationSize: 4 } : { populationSize: 4, sampleSize: 2 },
      );
      const searcher = definition.create(
        options,
        context,
      )({ space: toySpace, rng: createRng(1), objectives });
      expect(searcher.name).toBe(definition.name);
      expect(await searcher.ask(4)).toHaveLength(4);
    }
  });

  it('rejects unknown and out-of-range options with their path', () => {
    const [nsga2, evolution] = penguinPackage.searchers ?? [];
    const unknown = nsga2?.options.safeParse({ populationSize: 4, popSize: 3 });
    expect(unknown?.success).toBe(false);
    expect(JSON.stringify(unknown?.error?.issues)).toContain('popSize');
    const small = evolution?.options.safeParse({ populationSize: 4, sampleSize: 9 });
    expect(small?.error?.issues[0]?.path).toEqual(['sampleSize']);
  });
});
