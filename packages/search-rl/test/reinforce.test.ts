import { createRng, defineSpace, type FinishedTrial, type Fitness, type Genome } from '@penguin-nas/core';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { reinforce } from '../src/reinforce.js';

const space = defineSpace({
  name: 'ops',
  decisions: [
    { kind: 'categorical', name: 'a', choices: ['conv', 'pool', 'skip', 'none'] },
    { kind: 'categorical', name: 'b', choices: ['conv', 'pool', 'skip', 'none'] },
    { kind: 'bits', name: 'conn', length: 4 },
    { kind: 'int', name: 'k', low: 1, high: 5, step: 2, when: { decision: 'a', in: ['conv'] } },
  ],
});
const objectives = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }] as const;
const score = (g: Genome) =>
  (g.a === 'conv' ? 40 : 0) + (g.b === 'conv' ? 30 : 0) + String(g.conn).split('1').length * 5;
const fitness = (value: number): Fitness => ({
  val_acc: { value, direction: 'maximize', source: 'measured' },
});
const trial = (genome: Genome, index: number): FinishedTrial => ({
  id: `t${index}`,
  index,
  genome,
  status: 'completed',
  maxEpochs: 1,
  curve: [],
  predictions: [],
  staticObjectives: {},
  cost: { epochs: 1, seconds: 0 },
  seed: index,
});

async function run(
  s: ReturnType<ReturnType<typeof reinforce>>,
  trials: number,
  start = 0,
): Promise<Genome[]> {
  const out: Genome[] = [];
  let i = start;
  while (out.length < trials) {
    const genomes = await s.ask(4);
    if (genomes.length === 0) break;
    for (const g of genomes) {
      out.push(g);
      await s.tell(trial(g, i++), fitness(score(g)));
    }
  }
  return out;
}

describe('reinforce', () => {
  it('learns: the controller shifts probability towards the rewarded first choice', async () => {
    const s = reinforce({ batchSize: 4, rewardScale: 0.1, hiddenSize: 16 })({
      space,
      rng: createRng(1),
      objectives,
    });
    const before = await s.firstStepProbabilities();
    const genomes = await run(s, 120);
    const after = await s.firstStepProbabilities();
    expect(s.updates).toBe(30);
    expect(after[0]).toBeGreaterThan((before[0] as number) + 0.2);
    const firstHalf = genomes.slice(0, 40).filter((g) => g.a === 'conv').length;
    const lastPart = genomes.slice(80).filter((g) => g.a === 'conv').length;
    expect(lastPart).toBeGreaterThan(firstHalf);
    expect(s.baseline).toBeGreaterThan(0);
    s.dispose();
  });

  it('leaks no tensors across asks and updates', async () => {
    const s = reinforce({ batchSize: 3 })({ space, rng: createRng(2), objectives });
    await run(s, 6);
    const settled = tf.memory().numTensors;
    await run(s, 30, 6);
    expect(tf.memory().numTensors).toBe(settled);
    s.dispose();
    expect(tf.memory().numTensors).toBeLessThan(settled);
  });

  it('resumes learning exactly from state(), weights and baseline included', async () => {
    const make = () =>
      reinforce({ batchSize: 3, learningRate: 0.05 })({ space, rng: createRng(3), objectives });
    const a = make();
    await run(a, 10);
    const saved = JSON.parse(JSON.stringify(a.state()));
    const b = reinforce({ batchSize: 3, learningRate: 0.05 })({ space, rng: createRng(77), objectives });
    b.restore(saved);
    expect(await b.firstStepProbabilities()).toEqual(await a.firstStepProbabilities());
    expect(await run(b, 15, 10)).toEqual(await run(a, 15, 10));
    expect(await b.firstStepProbabilities()).toEqual(await a.firstStepProbabilities());
    expect(b.updates).toBe(a.updates);
    a.dispose();
    b.dispose();
  });

  it('rewards failed trials with the lowest reward seen and ignores unknown trials', async () => {
    const s = reinforce({ batchSize: 2 })({ space, rng: createRng(4), objectives });
    await s.tell(trial(space.sample(createRng(9)), 99), fitness(1000));
    const [x, y] = await s.ask(2);
    await s.tell(trial(x as Genome, 0), fitness(10));
    await s.tell(trial(y as Genome, 1), fitness(Number.NEGATIVE_INFINITY));
    expect(s.updates).toBe(1);
    // Baseline starts at the batch mean of rewards 10 and 10 (the failure gets the lowest seen, 10).
    expect(s.baseline).toBeCloseTo(10);
    s.dispose();
  });

  it('proposes every genome of a small space once, then reports exhaustion', async () => {
    const tiny = defineSpace({
      name: 'tiny',
      decisions: [
        { kind: 'categorical', name: 'a', choices: ['x', 'y', 'z'] },
        { kind: 'bits', name: 'c', length: 2 },
      ],
    });
    const s = reinforce({ batchSize: 2 })({ space: tiny, rng: createRng(5), objectives });
    const all = await s.ask(50);
    expect(all).toHaveLength(12);
    expect(new Set(all.map((g) => tiny.key(g))).size).toBe(12);
    expect(await s.ask(1)).toEqual([]);
    s.dispose();
  });

  it('maps samples outside a sparse table onto recorded genomes (space.repair) and learns from them', async () => {
    const allowed = ['conv/conv', 'conv/pool', 'pool/skip', 'skip/none', 'none/conv'];
    const sparse = defineSpace({
      name: 'sparse',
      decisions: [
        { kind: 'categorical', name: 'a', choices: ['conv', 'pool', 'skip', 'none'] },
        { kind: 'categorical', name: 'b', choices: ['conv', 'pool', 'skip', 'none'] },
      ],
      check: (g) => (allowed.includes(`${g.a}/${g.b}`) ? [] : ['not recorded']),
    });
    const repairing = {
      ...sparse,
      repair: (g: Genome) => {
        const hit = allowed.find((k) => k.startsWith(`${g.a}/`)) ?? 'conv/conv';
        const [a, b] = hit.split('/');
        return { genome: { a: a as string, b: b as string }, repaired: { from: g, reason: 'not recorded' } };
      },
    };
    const s = reinforce({ batchSize: 2 })({ space: repairing, rng: createRng(6), objectives });
    const all = await run(s, 5);
    expect(all.map((g) => `${g.a}/${g.b}`).sort()).toEqual([...allowed].sort());
    expect(s.updates).toBe(2);
    expect(await s.ask(1)).toEqual([]);
    s.dispose();
  });

  it('handles a decision with a single choice (nothing to learn there, but the update must not fail)', async () => {
    const single = defineSpace({
      name: 'single',
      decisions: [
        { kind: 'categorical', name: 'units', choices: [16] },
        { kind: 'categorical', name: 'op', choices: ['conv', 'pool'] },
      ],
    });
    const searcher = reinforce({ batchSize: 2 })({ space: single, rng: createRng(2), objectives });
    const genomes = await searcher.ask(2);
    expect(genomes.map((g) => g.units)).toEqual([16, 16]);
    for (const [i, g] of genomes.entries())
      await searcher.tell(trial(g, i), fitness(g.op === 'conv' ? 80 : 20));
    expect(await searcher.ask(1)).toEqual([]);
  });

  it('rejects bad options, an objective the run lacks, and a bad state', () => {
    expect(() => reinforce({ batchSize: 0 })).toThrow(/batchSize/);
    expect(() => reinforce({ objective: 'loss' })({ space, rng: createRng(1), objectives })).toThrow(
      'reinforce: objective: expected one of "val_acc", got "loss"',
    );
    const s = reinforce()({ space, rng: createRng(1), objectives });
    expect(() => s.restore({ version: 1 })).toThrow(
      /reinforce\.restore: expected a state from reinforce\.state\(\)/,
    );
    const state = s.state() as { weights: { values: number[][] } };
    state.weights.values[0] = [1, 2];
    expect(() => s.restore(state)).toThrow(
      /reinforce\.restore: weights\.values\[0\]: expected 32 numbers \(shape 1x32\), got 2/,
    );
    s.dispose();
  });
});
