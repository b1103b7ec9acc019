import { createRng, type Genome, type ObjectiveSpec } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { nsga2 } from '../src/nsga2.js';
import { drive, finished, fit, tinySpace, toySpace } from './helpers.js';

const objectives: ObjectiveSpec[] = [
  { name: 'val_acc', direction: 'maximize', from: 'curve' },
  { name: 'params', direction: 'minimize', from: 'static' },
];
const dirs = { val_acc: 'maximize', params: 'minimize' } as const;
/** A trade-off: accuracy grows with depth and with ones in `conn`, parameters grow with both. */
const evaluate = (g: Genome) => {
  const ones = String(g.conn)
    .split('')
    .filter((b) => b === '1').length;
  const depth = g.depth as number;
  return fit(
    { val_acc: 50 + 4 * depth + 3 * ones - (g.op === 'skip' ? 10 : 0), params: depth * 10 + ones },
    dirs,
  );
};

describe('nsga2', () => {
  it('proposes a random first generation, then waits for its results before breeding', async () => {
    const s = nsga2({ populationSize: 6 })({ space: toySpace, rng: createRng(1), objectives });
    const first = await s.ask(10);
    expect(first).toHaveLength(6);
    expect(await s.ask(3)).toEqual([]);
    for (const [i, g] of first.entries()) await s.tell(finished(g, i), evaluate(g));
    expect(s.generation).toBe(1);
    expect(await s.ask(10)).toHaveLength(6);
    expect(s.generation).toBe(2);
  });

  it('improves the Pareto front over generations', async () => {
    const s = nsga2({ populationSize: 12 })({ space: toySpace, rng: createRng(7), objectives });
    await drive(s, evaluate, 12);
    const early = s.paretoFront();
    await drive(s, evaluate, 12 * 8, 4, 12);
    const late = s.paretoFront();
    // Each front is mutually non-dominated and the late front contains a point at least as good as every early one.
    const accAt = (front: typeof late, maxParams: number) =>
      Math.max(
        ...front
          .filter((m) => (m.objectives.params as number) <= maxParams)
          .map((m) => m.objectives.val_acc as number),
        0,
      );
    for (const m of early)
      expect(accAt(late, m.objectives.params as number)).toBeGreaterThanOrEqual(
        m.objectives.val_acc as number,
      );
    expect(late.length).toBeGreaterThan(early.length);
  });

  it('stops after `generations` and when a finite space is exhausted, without duplicates', async () => {
    const limited = nsga2({ populationSize: 4, generations: 3 })({
      space: toySpace,
      rng: createRng(2),
      objectives,
    });
    expect(await drive(limited, evaluate, 100)).toHaveLength(12);
    const tiny = nsga2({ populationSize: 8 })({ space: tinySpace, rng: createRng(3), objectives });
    const all = await drive(
      tiny,
      (g) => fit({ val_acc: g.b as number, params: g.a === 'x' ? 1 : 2 }, dirs),
      500,
    );
    expect(all).toHaveLength(48);
    expect(new Set(all.map((g) => tinySpace.key(g))).size).toBe(48);
    expect(await tiny.ask(4)).toEqual([]);
  });

  it('treats failed (non-finite) fitness as worst and ignores tells for unknown trials', async () => {
    const s = nsga2({ populationSize: 4 })({ space: toySpace, rng: createRng(4), objectives });
    const first = await s.ask(4);
    await s.tell(finished(toySpace.sample(createRng(99)), 99), evaluate(first[0] as Genome));
    for (const [i, g] of first.entries()) {
      const failed = i === 0;
      await s.tell(
        finished(g, i, failed ? 'failed' : 'completed'),
        failed ? fit({ val_acc: Number.NEGATIVE_INFINITY, params: 5 }, dirs) : evaluate(g),
      );
    }
    const front = s.paretoFront();
    expect(front.map((m) => m.genome)).not.toContainEqual(first[0]);
    expect(await s.ask(4)).toHaveLength(4);
  });

  it('resumes exactly from state()', async () => {
    const make = () => nsga2({ populationSize: 5 })({ space: toySpace, rng: createRng(11), objectives });
    const a = make();
    await drive(a, evaluate, 13);
    const pending = await a.ask(2);
    const saved = JSON.parse(JSON.stringify(a.state()));
    const b = make();
    b.restore(saved);
    for (const s of [a, b])
      for (const [i, g] of pending.entries()) await s.tell(finished(g, 100 + i), evaluate(g));
    expect(await drive(b, evaluate, 20, 3, 200)).toEqual(await drive(a, evaluate, 20, 3, 200));
    expect(b.paretoFront()).toEqual(a.paretoFront());
  });

  it('rejects bad options and bad state with messages that say where', () => {
    expect(() => nsga2({ populationSize: 1 })).toThrow(/populationSize/);
    expect(() =>
      nsga2({ objectives: ['flops'] })({ space: toySpace, rng: createRng(1), objectives }),
    ).toThrow('nsga2: objectives: expected names among "val_acc", "params", got "flops"');
    const s = nsga2()({ space: toySpace, rng: createRng(1), objectives });
    expect(() => s.restore({ version: 2 })).toThrow(/nsga2\.restore: expected a state from nsga2\.state\(\)/);
  });
});
