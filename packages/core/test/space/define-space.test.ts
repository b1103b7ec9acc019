import { describe, expect, it } from 'vitest';
import { createRng, defineSpace, PenguinError } from '../../src/index.js';
import { conformanceSpace } from '../../src/testing/drive.js';

describe('defineSpace', () => {
  it('samples valid genomes with conditional decisions present only when active', () => {
    const rng = createRng(1);
    let withKernel = 0;
    for (let i = 0; i < 200; i++) {
      const g = conformanceSpace.sample(rng);
      expect(conformanceSpace.validate(g)).toEqual({ ok: true, genome: g });
      if (g.op === 'conv') {
        expect([1, 3, 5, 7]).toContain(g.kernel);
        withKernel++;
      } else expect(g.kernel).toBeUndefined();
      expect(g.lr as number).toBeGreaterThanOrEqual(1e-4);
      expect(g.lr as number).toBeLessThanOrEqual(1e-1);
      expect(g.conn).toMatch(/^[01]{4}$/);
    }
    expect(withKernel).toBeGreaterThan(30);
  });

  it('samples log-floats uniformly in log space', () => {
    const space = defineSpace({
      name: 'log',
      decisions: [{ kind: 'float', name: 'lr', low: 1e-4, high: 1, log: true }],
    });
    const rng = createRng(2);
    const below = Array.from({ length: 2000 }, () => space.sample(rng).lr as number).filter(
      (x) => x < 1e-2,
    ).length;
    expect(below / 2000).toBeGreaterThan(0.45);
    expect(below / 2000).toBeLessThan(0.55);
  });

  it('validates with one message per problem, naming the decision', () => {
    const result = conformanceSpace.validate({
      op: 'pool',
      depth: 9,
      lr: 0.5,
      dropout: 0.1,
      conn: '01x1',
      kernel: 3,
      extra: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'depth: expected an integer in [1, 6], got 9',
      'lr: expected a number in [0.0001, 0.1], got 0.5',
      "conn: expected a string of 4 bits ('0'/'1'), got \"01x1\"",
      'kernel: inactive here (op is "pool") but set',
      'extra: not a decision of space conformance',
    ]);
    expect(conformanceSpace.validate(null)).toEqual({
      ok: false,
      errors: ['space conformance: expected a genome object, got null'],
    });
  });

  it('keys are stable whatever the property order', () => {
    const a = { op: 'conv', depth: 2, lr: 0.01, dropout: 0, conn: '0101', kernel: 3 };
    const b = { kernel: 3, conn: '0101', dropout: 0, lr: 0.01, depth: 2, op: 'conv' };
    expect(conformanceSpace.key(a)).toBe(conformanceSpace.key(b));
    expect(conformanceSpace.key(a)).not.toBe(conformanceSpace.key({ ...a, depth: 3 }));
  });

  it('counts finite spaces, including conditional ones', () => {
    const space = defineSpace({
      name: 'cond',
      decisions: [
        { kind: 'categorical', name: 'op', choices: ['conv', 'pool'] },
        { kind: 'int', name: 'k', low: 1, high: 3, when: { decision: 'op', in: ['conv'] } },
        { kind: 'bits', name: 'b', length: 2 },
      ],
    });
    expect(space.size()).toBe((3 + 1) * 4);
    expect(conformanceSpace.size()).toBeUndefined();
  });

  it('counts spaces whose conditions depend on integer decisions (variable depth)', () => {
    const space = defineSpace({
      name: 'depth',
      decisions: [
        { kind: 'int', name: 'layers', low: 1, high: 2 },
        { kind: 'categorical', name: 'w1', choices: [8, 16, 32] },
        { kind: 'categorical', name: 'w2', choices: [8, 16], when: { decision: 'layers', in: [2] } },
      ],
    });
    // layers=1: 3 genomes; layers=2: 3·2 = 6.
    expect(space.size()).toBe(9);
    const rng = createRng(4);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) seen.add(space.key(space.sample(rng)));
    expect(seen.size).toBe(9);
  });

  it('treats a decision as inactive when the decision its condition refers to is inactive', () => {
    const space = defineSpace({
      name: 'chain',
      decisions: [
        { kind: 'categorical', name: 'a', choices: ['x', 'y'] },
        { kind: 'categorical', name: 'b', choices: ['p', 'q'], when: { decision: 'a', in: ['x'] } },
        { kind: 'int', name: 'c', low: 0, high: 1, when: { decision: 'b', in: ['p'] } },
      ],
    });
    const result = space.validate({ a: 'y', b: 'p', c: 1 });
    expect(result.ok ? [] : result.errors).toEqual([
      'b: inactive here (a is "y") but set',
      'c: inactive here (b is "p") but set',
    ]);
    expect(space.size()).toBe(1 + 2 + 1);
  });

  it('repairs a genome to the nearest valid one and says why', () => {
    const repair = conformanceSpace.repair({
      op: 'conv',
      depth: 9,
      lr: 5,
      dropout: 0.2,
      conn: '11',
      kernel: 4,
    });
    expect(repair.genome).toEqual({ op: 'conv', depth: 6, lr: 0.1, dropout: 0.2, conn: '1100', kernel: 5 });
    expect(repair.repaired?.reason).toContain('depth: expected an integer in [1, 6], got 9');
    const valid = conformanceSpace.sample(createRng(3));
    expect(conformanceSpace.repair(valid)).toEqual({ genome: valid });
  });

  it('rejects malformed decision lists eagerly', () => {
    const make = (decisions: unknown) => () => defineSpace({ name: 'bad', decisions: decisions as never });
    expect(make([{ kind: 'categorical', name: 'a', choices: [] }])).toThrow(
      'space bad: decisions[0] (a): expected at least one choice',
    );
    expect(make([{ kind: 'int', name: 'a', low: 3, high: 1 }])).toThrow(
      'expected integers low <= high, got 3 and 1',
    );
    expect(make([{ kind: 'float', name: 'a', low: 0, high: 1, log: true }])).toThrow(
      'a log-float decision needs low > 0',
    );
    expect(make([{ kind: 'int', name: 'k', low: 1, high: 2, when: { decision: 'op', in: ['x'] } }])).toThrow(
      'condition refers to "op", which must be declared before it',
    );
    expect(
      make([
        { kind: 'bits', name: 'a', length: 1 },
        { kind: 'bits', name: 'a', length: 1 },
      ]),
    ).toThrow(PenguinError);
  });

  it('applies an extra check when sampling and validating', () => {
    const space = defineSpace({
      name: 'checked',
      decisions: [{ kind: 'int', name: 'n', low: 0, high: 9 }],
      check: (g) => ((g.n as number) % 2 === 0 ? [] : ['n must be even']),
    });
    const rng = createRng(5);
    for (let i = 0; i < 50; i++) expect((space.sample(rng).n as number) % 2).toBe(0);
    expect(space.validate({ n: 3 })).toEqual({ ok: false, errors: ['n must be even'] });
  });
});
