import {
  createRng,
  defineSpace,
  type FinishedTrial,
  type Fitness,
  type Genome,
  type Searcher,
} from '@penguin-nas/core';

/** Every decision kind, plus a conditional one. */
export const toySpace = defineSpace({
  name: 'toy',
  decisions: [
    { kind: 'categorical', name: 'op', choices: ['conv', 'pool', 'skip'] },
    { kind: 'int', name: 'depth', low: 1, high: 9 },
    { kind: 'float', name: 'lr', low: 1e-4, high: 1e-1, log: true },
    { kind: 'float', name: 'dropout', low: 0, high: 0.5 },
    { kind: 'bits', name: 'conn', length: 6 },
    { kind: 'int', name: 'kernel', low: 1, high: 7, step: 2, when: { decision: 'op', in: ['conv'] } },
  ],
});

/** A small finite space (3 * 4 * 2^2 = 48 genomes). */
export const tinySpace = defineSpace({
  name: 'tiny',
  decisions: [
    { kind: 'categorical', name: 'a', choices: ['x', 'y', 'z'] },
    { kind: 'int', name: 'b', low: 0, high: 3 },
    { kind: 'bits', name: 'c', length: 2 },
  ],
});

export function finished<G extends Genome>(
  genome: G,
  index: number,
  status: FinishedTrial<G>['status'] = 'completed',
): FinishedTrial<G> {
  return {
    id: `t${index}`,
    index,
    genome,
    status,
    maxEpochs: 10,
    curve: [],
    predictions: [],
    staticObjectives: {},
    cost: { epochs: 10, seconds: 0 },
    seed: index,
  };
}

export function fit(
  values: Record<string, number>,
  directions: Record<string, 'maximize' | 'minimize'>,
): Fitness {
  const out: Record<string, Fitness[string]> = {};
  for (const [k, v] of Object.entries(values))
    out[k] = { value: v, direction: directions[k] ?? 'maximize', source: 'measured' };
  return out;
}

/** Runs ask/tell sequentially (batches of `batch`) for up to `trials` trials; returns the genomes in order. */
export async function drive<G extends Genome>(
  searcher: Searcher<G>,
  evaluate: (g: G) => Fitness,
  trials: number,
  batch = 4,
  start = 0,
): Promise<G[]> {
  const seen: G[] = [];
  let index = start;
  while (seen.length < trials) {
    const asked = await searcher.ask(Math.min(batch, trials - seen.length));
    if (asked.length === 0) break;
    for (const g of asked) {
      seen.push(g);
      await searcher.tell(finished(g, index++), evaluate(g));
    }
  }
  return seen;
}

export const rngFor = (seed: number) => createRng(seed);
