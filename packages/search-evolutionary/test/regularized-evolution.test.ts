import { createRng, type Genome, type ObjectiveSpec } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { regularizedEvolution } from '../src/regularized-evolution.js';
import { drive, finished, fit, tinySpace, toySpace } from './helpers.js';

const objectives: ObjectiveSpec[] = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }];
const score = (g: Genome) =>
  (g.depth as number) * 3 +
  String(g.conn)
    .split('')
    .filter((b) => b === '1').length *
    2 +
  (g.op === 'conv' ? 5 : 0);
const evaluate = (g: Genome) => fit({ val_acc: score(g) }, { val_acc: 'maximize' });

describe('regularizedEvolution', () => {
  it('starts random, waits for a first result, then breeds one edit away from a parent', async () => {
    const s = regularizedEvolution({ populationSize: 4, sampleSize: 2 })({
      space: toySpace,
      rng: createRng(1),
      objectives,
    });
    const first = await s.ask(10);
    expect(first).toHaveLength(4);
    expect(await s.ask(1)).toEqual([]);
    await s.tell(finished(first[0] as Genome, 0), evaluate(first[0] as Genome));
    const [child] = await s.ask(1);
    const parent = first[0] as Genome;
    const diff = Object.keys({ ...parent, ...child }).filter((k) => parent[k] !== (child as Genome)[k]);
    expect(diff.length === 1 || diff.sort().join() === 'kernel,op').toBe(true);
  });

  it('finds better genomes than its random start', async () => {
    const s = regularizedEvolution({ populationSize: 10, sampleSize: 3 })({
      space: toySpace,
      rng: createRng(5),
      objectives,
    });
    const genomes = await drive(s, evaluate, 150);
    const bestRandom = Math.max(...genomes.slice(0, 10).map(score));
    const bestEvolved = Math.max(...genomes.slice(10).map(score));
    expect(bestEvolved).toBeGreaterThan(bestRandom);
    expect(bestEvolved).toBeGreaterThanOrEqual(score({ depth: 9, conn: '111111', op: 'conv' }) - 3);
  });

  it('honours cycles, never repeats a genome and ends on an exhausted space', async () => {
    const s = regularizedEvolution({ populationSize: 4, sampleSize: 2, cycles: 9 })({
      space: toySpace,
      rng: createRng(2),
      objectives,
    });
    expect(await drive(s, evaluate, 100)).toHaveLength(9);
    const tiny = regularizedEvolution({ populationSize: 5, sampleSize: 2 })({
      space: tinySpace,
      rng: createRng(3),
      objectives,
    });
    const all = await drive(tiny, (g) => fit({ val_acc: g.b as number }, { val_acc: 'maximize' }), 500, 1);
    expect(new Set(all.map((g) => tinySpace.key(g))).size).toBe(48);
    expect(all).toHaveLength(48);
  });

  it('survives failed trials and unknown tells, and minimises when asked', async () => {
    const minimise: ObjectiveSpec[] = [{ name: 'loss', direction: 'minimize', from: 'curve' }];
    const s = regularizedEvolution({ populationSize: 3, sampleSize: 3 })({
      space: toySpace,
      rng: createRng(8),
      objectives: minimise,
    });
    await s.tell(finished(toySpace.sample(createRng(1)), 50), fit({ loss: 1 }, { loss: 'minimize' }));
    const first = await s.ask(3);
    await s.tell(
      finished(first[0] as Genome, 0, 'failed'),
      fit({ loss: Number.POSITIVE_INFINITY }, { loss: 'minimize' }),
    );
    await s.tell(finished(first[1] as Genome, 1), fit({ loss: 0.5 }, { loss: 'minimize' }));
    await s.tell(finished(first[2] as Genome, 2), fit({ loss: 2 }, { loss: 'minimize' }));
    // sampleSize = populationSize: the parent is always the lowest loss.
    for (let i = 0; i < 5; i++) {
      const [child] = await s.ask(1);
      const parent = first[1] as Genome;
      const diff = Object.keys({ ...parent, ...child }).filter((k) => parent[k] !== (child as Genome)[k]);
      expect(diff.length === 1 || diff.sort().join() === 'kernel,op').toBe(true);
    }
  });

  it('resumes exactly from state()', async () => {
    const make = () =>
      regularizedEvolution({ populationSize: 5, sampleSize: 2 })({
        space: toySpace,
        rng: createRng(3),
        objectives,
      });
    const a = make();
    await drive(a, evaluate, 12);
    const b = make();
    b.restore(JSON.parse(JSON.stringify(a.state())));
    expect(await drive(b, evaluate, 20, 2, 100)).toEqual(await drive(a, evaluate, 20, 2, 100));
  });

  it('rejects bad options with the path and the rule', () => {
    expect(() => regularizedEvolution({ populationSize: 3, sampleSize: 4 })).toThrow(
      /sampleSize: expected at most populationSize/,
    );
    expect(() =>
      regularizedEvolution({ objective: 'nope' })({ space: toySpace, rng: createRng(1), objectives }),
    ).toThrow('regularized-evolution: objective: expected one of "val_acc", got "nope"');
  });
});
