import { describe, expect, it } from 'vitest';
import { defineSpace, enumerateGenomes } from '../../src/index.js';

describe('enumerateGenomes', () => {
  it('walks every combination in decision order, a conditional decision only where active', () => {
    const space = defineSpace({
      name: 'cond',
      decisions: [
        { kind: 'categorical', name: 'op', choices: ['conv', 'skip'] },
        { kind: 'int', name: 'k', low: 1, high: 3, step: 2, when: { decision: 'op', in: ['conv'] } },
        { kind: 'bits', name: 'c', length: 1 },
      ],
    });
    expect([...enumerateGenomes(space)]).toEqual([
      { op: 'conv', k: 1, c: '0' },
      { op: 'conv', k: 1, c: '1' },
      { op: 'conv', k: 3, c: '0' },
      { op: 'conv', k: 3, c: '1' },
      { op: 'skip', c: '0' },
      { op: 'skip', c: '1' },
    ]);
  });

  it('yields only genomes the space contains', () => {
    const space = defineSpace({
      name: 'checked',
      decisions: [
        { kind: 'int', name: 'a', low: 0, high: 2 },
        { kind: 'int', name: 'b', low: 0, high: 2 },
      ],
      check: (g) => ((g.a as number) + (g.b as number) <= 1 ? [] : ['a + b must be at most 1']),
    });
    expect([...enumerateGenomes(space)]).toEqual([
      { a: 0, b: 0 },
      { a: 0, b: 1 },
      { a: 1, b: 0 },
    ]);
  });

  it('yields nothing for a space with an active float decision', () => {
    const space = defineSpace({ name: 'f', decisions: [{ kind: 'float', name: 'lr', low: 0, high: 1 }] });
    expect([...enumerateGenomes(space)]).toEqual([]);
  });
});
