import { createRng, type Genome } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { crossover, mutate, mutateOne, perturbValue } from '../src/operators.js';
import { toySpace } from './helpers.js';

const differing = (a: Genome, b: Genome) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);

describe('variation operators', () => {
  it('always produce genomes inside the space, conditional decisions included', () => {
    const rng = createRng(1);
    let withKernel = 0;
    for (let i = 0; i < 300; i++) {
      const a = toySpace.sample(rng);
      const b = toySpace.sample(rng);
      for (const child of [
        mutate(toySpace, a, rng, 0.3),
        mutateOne(toySpace, a, rng),
        crossover(toySpace, a, b, rng),
      ]) {
        expect(toySpace.validate(child)).toEqual({ ok: true, genome: child });
        if (child.kernel !== undefined) withKernel++;
      }
    }
    expect(withKernel).toBeGreaterThan(0);
  });

  it('mutate changes at least one decision, even at rate 0', () => {
    const rng = createRng(2);
    for (let i = 0; i < 100; i++) {
      const a = toySpace.sample(rng);
      expect(differing(a, mutate(toySpace, a, rng, 0)).length).toBeGreaterThan(0);
    }
  });

  it('mutateOne changes exactly one unconditional decision (or the op and its dependent kernel)', () => {
    const rng = createRng(3);
    for (let i = 0; i < 200; i++) {
      const a = toySpace.sample(rng);
      const changed = differing(a, mutateOne(toySpace, a, rng));
      expect(changed.length).toBeGreaterThan(0);
      if (changed.length > 1) expect(changed.sort()).toEqual(['kernel', 'op']);
    }
  });

  it('crossover keeps what both parents share, bit by bit', () => {
    const rng = createRng(4);
    const a = { op: 'pool', depth: 3, lr: 0.01, dropout: 0.1, conn: '110010' };
    const b = { op: 'pool', depth: 3, lr: 0.01, dropout: 0.1, conn: '100011' };
    for (let i = 0; i < 50; i++) {
      const child = crossover(toySpace, a, b, rng);
      expect(child.op).toBe('pool');
      expect(child.depth).toBe(3);
      expect(String(child.conn)).toMatch(/^1[01]001[01]$/);
    }
  });

  it('perturbs ordered decisions locally and within bounds', () => {
    const rng = createRng(5);
    const depth = { kind: 'int', name: 'depth', low: 1, high: 9 } as const;
    const lr = { kind: 'float', name: 'lr', low: 1e-4, high: 1e-1, log: true } as const;
    for (let i = 0; i < 200; i++) {
      const d = perturbValue(depth, 9, rng) as number;
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThan(9);
      const l = perturbValue(lr, 1e-4, rng) as number;
      expect(l).toBeGreaterThanOrEqual(1e-4);
      expect(l).toBeLessThanOrEqual(1e-1);
    }
    expect(perturbValue({ kind: 'bits', name: 'b', length: 4 }, '0000', rng)).not.toBe('0000');
    expect(perturbValue({ kind: 'categorical', name: 'c', choices: ['x', 'y'] }, 'x', rng)).toBe('y');
  });
});
