import { describe, expect, it } from 'vitest';
import { createRng, defineSpace, type Genome, type SearchSpace, SeenGenomes } from '../../src/index.js';

/** Four genomes: a ∈ {x, y} × b ∈ {0, 1}. */
const four = defineSpace({
  name: 'four',
  decisions: [
    { kind: 'categorical', name: 'a', choices: ['x', 'y'] },
    { kind: 'int', name: 'b', low: 0, high: 1 },
  ],
});

/** The same space, but its uniform sampler only ever returns { a: 'x', b: 0 }. */
const stuck: SearchSpace<Genome> = { ...four, sample: () => ({ a: 'x', b: 0 }) };

const seenOf = (space: SearchSpace<Genome>, genomes: Genome[]) => {
  const seen = new SeenGenomes(space);
  for (const g of genomes) seen.add(g);
  return seen;
};

describe('SeenGenomes', () => {
  it('knows genomes by key, whatever their property order', () => {
    const seen = seenOf(four, [{ a: 'x', b: 0 }]);
    expect(seen.has({ b: 0, a: 'x' })).toBe(true);
    expect(seen.has({ a: 'x', b: 1 })).toBe(false);
    expect(seen.size).toBe(1);
  });

  it('firstUnseen returns the first unseen candidate, marks it, and skips undefined candidates', () => {
    const seen = seenOf(four, [{ a: 'x', b: 0 }]);
    const candidates = [undefined, { a: 'x', b: 0 }, { a: 'y', b: 1 }, { a: 'x', b: 1 }];
    const asked: number[] = [];
    const found = seen.firstUnseen(4, (i) => {
      asked.push(i);
      return candidates[i];
    });
    expect(found).toEqual({ a: 'y', b: 1 });
    expect(asked).toEqual([0, 1, 2]);
    expect(seen.has({ a: 'y', b: 1 })).toBe(true);
    expect(seen.size).toBe(2);
  });

  it('firstUnseen gives up after `tries` repeats, and returns the carrier of the genome when asked to', () => {
    const seen = seenOf(four, [{ a: 'x', b: 0 }]);
    let calls = 0;
    const repeat = () => {
      calls++;
      return { a: 'x', b: 0 };
    };
    expect(seen.firstUnseen(3, repeat)).toBeUndefined();
    expect(calls).toBe(3);
    const carried = seen.firstUnseen(
      1,
      () => ({ genome: { a: 'y', b: 0 }, tag: 7 }),
      (c) => c.genome,
    );
    expect(carried).toEqual({ genome: { a: 'y', b: 0 }, tag: 7 });
    expect(seen.has({ a: 'y', b: 0 })).toBe(true);
  });

  it('pickUnseen picks among unseen candidates only', () => {
    const seen = seenOf(four, [
      { a: 'x', b: 0 },
      { a: 'x', b: 1 },
      { a: 'y', b: 0 },
    ]);
    const all = [
      { a: 'x', b: 0 },
      { a: 'x', b: 1 },
      { a: 'y', b: 0 },
      { a: 'y', b: 1 },
    ];
    expect(seen.pickUnseen(all, createRng(5), (g) => g)).toEqual({ a: 'y', b: 1 });
    expect(seen.pickUnseen(all, createRng(5), (g) => g)).toBeUndefined();
  });

  it('propose falls back from the searcher to uniform samples to the enumeration, then reports exhaustion', () => {
    const seen = seenOf(stuck, [
      { a: 'x', b: 0 },
      { a: 'x', b: 1 },
    ]);
    const generate = () => ({ a: 'x', b: 1 });
    // Neither the searcher's proposal nor the stuck sampler is new: the enumeration finds one of the two left.
    const third = seen.propose(generate, createRng(1)) as Genome;
    expect([
      { a: 'y', b: 0 },
      { a: 'y', b: 1 },
    ]).toContainEqual(third);
    const fourth = seen.propose(generate, createRng(1)) as Genome;
    expect(fourth).toEqual(third.b === 0 ? { a: 'y', b: 1 } : { a: 'y', b: 0 });
    expect(seen.exhausted()).toBe(true);
    expect(seen.propose(generate, createRng(1))).toBeUndefined();
  });

  it('propose takes the searcher`s own proposal first when it is new', () => {
    const seen = new SeenGenomes(four);
    expect(seen.propose(() => ({ a: 'y', b: 1 }), createRng(1))).toEqual({ a: 'y', b: 1 });
  });

  it('is never exhausted on an infinite space, and round-trips its keys as plain JSON', () => {
    const floats = defineSpace({ name: 'f', decisions: [{ kind: 'float', name: 'lr', low: 0, high: 1 }] });
    const seen = seenOf(floats, [{ lr: 0.5 }]);
    expect(seen.exhausted()).toBe(false);
    const copy = new SeenGenomes(floats);
    copy.restore(JSON.parse(JSON.stringify(seen.toJSON())));
    expect(copy.has({ lr: 0.5 })).toBe(true);
    expect(copy.size).toBe(1);
  });
});
