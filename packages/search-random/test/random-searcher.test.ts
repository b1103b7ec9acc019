import { createRng, defineSpace } from '@penguin-nas/core';
import { describeSearcher, finiteSpace } from '@penguin-nas/core/testing';
import { describe, expect, it } from 'vitest';
import { randomSearcher } from '../src/index.js';

describeSearcher('random', randomSearcher());

describe('randomSearcher', () => {
  it('proposes every genome of a finite space once, then reports exhaustion', async () => {
    const searcher = randomSearcher()({ space: finiteSpace, rng: createRng(1), objectives: [] });
    const all = await searcher.ask(100);
    expect(all.length).toBe(12);
    expect(new Set(all.map((g) => finiteSpace.key(g))).size).toBe(12);
    expect(await searcher.ask(1)).toEqual([]);
  });

  it('samples all choices of a decision roughly uniformly', async () => {
    const space = defineSpace({ name: 'u', decisions: [{ kind: 'float', name: 'x', low: 0, high: 1 }] });
    const searcher = randomSearcher()({ space, rng: createRng(3), objectives: [] });
    const xs = (await searcher.ask(4000)).map((g) => g.x as number);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.47);
    expect(mean).toBeLessThan(0.53);
    expect(xs.filter((x) => x < 0.1).length).toBeGreaterThan(300);
  });

  it('rejects a bad option eagerly', () => {
    expect(() => randomSearcher({ maxRetries: 0 })).toThrow(
      'random.maxRetries: expected an integer >= 1, got 0',
    );
  });
});
