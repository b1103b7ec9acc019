import { defineSpace } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { encodeSpace } from '../src/encoding.js';

const space = defineSpace({
  name: 'mixed',
  decisions: [
    { kind: 'categorical', name: 'op', choices: ['conv', 'pool'] },
    { kind: 'int', name: 'depth', low: 2, high: 8, step: 3 },
    { kind: 'bits', name: 'conn', length: 3 },
    { kind: 'float', name: 'lr', low: 1e-3, high: 1e-1, log: true },
    { kind: 'int', name: 'kernel', low: 1, high: 5, step: 2, when: { decision: 'op', in: ['conv'] } },
  ],
});

describe('encodeSpace', () => {
  it('gives one step per decision, one per bit, and a float grid', () => {
    const { steps } = encodeSpace(space, 3);
    expect(steps.map((s) => s.values.length)).toEqual([2, 3, 2, 2, 2, 3, 3]);
    expect(steps[1]?.values).toEqual([2, 5, 8]);
    const grid = steps[5]?.values as number[];
    expect(grid[0]).toBe(1e-3);
    expect(grid[1]).toBeCloseTo(1e-2, 10);
    expect(grid[2]).toBe(1e-1);
  });

  it('decodes actions to a genome of the space and masks inactive decisions', () => {
    const enc = encodeSpace(space, 3);
    const conv = enc.decode([0, 2, 1, 0, 1, 0, 1]);
    expect(conv.genome).toEqual({ op: 'conv', depth: 8, conn: '101', lr: 1e-3, kernel: 3 });
    expect(conv.mask).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const pool = enc.decode([1, 0, 0, 0, 0, 2, 2]);
    expect(pool.genome).toEqual({ op: 'pool', depth: 2, conn: '000', lr: 1e-1 });
    expect(pool.mask).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(space.contains(pool.genome)).toBe(true);
    expect(enc.encode(conv.genome)).toEqual([0, 2, 1, 0, 1, 0, 1]);
    expect(enc.encode({ ...pool.genome, lr: 0.09 })).toEqual([1, 0, 0, 0, 0, 2, 0]);
  });

  it('rejects floats without floatBins and oversized integer ranges up front', () => {
    expect(() => encodeSpace(space, undefined)).toThrow(
      'reinforce: space mixed: decision "lr": is a float, which the controller cannot sample; set the option floatBins (e.g. floatBins: 8) to discretise it',
    );
    const wide = defineSpace({
      name: 'wide',
      decisions: [{ kind: 'int', name: 'units', low: 1, high: 5000 }],
    });
    expect(() => encodeSpace(wide, undefined)).toThrow(
      'reinforce: space wide: decision "units": expected at most 1024 integer values, got 5000',
    );
  });
});
