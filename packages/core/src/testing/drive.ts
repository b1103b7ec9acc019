import { createRng } from '../rng.js';
import { defineSpace } from '../space/define-space.js';
import type {
  FinishedTrial,
  Fitness,
  Genome,
  Objective,
  ObjectiveSource,
  ObjectiveSpec,
  Searcher,
  SearcherFactory,
  SearchSpace,
} from '../types.js';

/** A small space with every decision kind, including a conditional decision. */
export const conformanceSpace: SearchSpace<Genome> = defineSpace({
  name: 'conformance',
  decisions: [
    { kind: 'categorical', name: 'op', choices: ['conv', 'pool', 'skip'] },
    { kind: 'int', name: 'depth', low: 1, high: 6 },
    { kind: 'float', name: 'lr', low: 1e-4, high: 1e-1, log: true },
    { kind: 'float', name: 'dropout', low: 0, high: 0.5 },
    { kind: 'bits', name: 'conn', length: 4 },
    { kind: 'int', name: 'kernel', low: 1, high: 7, step: 2, when: { decision: 'op', in: ['conv'] } },
  ],
});

/** A finite space of 12 genomes, for the no-duplicates check. */
export const finiteSpace: SearchSpace<Genome> = defineSpace({
  name: 'finite',
  decisions: [
    { kind: 'categorical', name: 'a', choices: ['x', 'y', 'z'] },
    { kind: 'int', name: 'b', low: 0, high: 3 },
  ],
});

export const defaultObjectives: readonly ObjectiveSpec[] = [
  { name: 'val_acc', direction: 'maximize', from: 'curve' },
];

/** A deterministic stand-in for training: a value in [0, 100) from the genome's key. */
export function syntheticValue(key: string, salt = 0): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100000) / 1000;
}

export interface DriveOptions {
  readonly source?: ObjectiveSource;
  /** Every k-th trial fails (its fitness is the worst value). */
  readonly failEvery?: number;
  readonly startIndex?: number;
}

export function fitnessFor(
  objectives: readonly ObjectiveSpec[],
  key: string,
  source: ObjectiveSource,
  failed: boolean,
): Fitness {
  const fitness: Record<string, Objective> = {};
  objectives.forEach((spec, i) => {
    const worst = spec.direction === 'maximize' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    const value = failed && spec.from === 'curve' ? worst : syntheticValue(key, i);
    fitness[spec.name] = {
      value,
      direction: spec.direction,
      source: spec.from === 'static' ? 'static' : source,
    };
  });
  return fitness;
}

/** A finished-trial snapshot as the engine would pass it to `tell`. */
export function finishedTrial(
  genome: Genome,
  index: number,
  fitness: Fitness,
  failed: boolean,
): FinishedTrial<Genome> {
  return {
    id: `t${index}`,
    index,
    genome,
    status: failed ? 'failed' : 'completed',
    maxEpochs: 10,
    curve: [],
    predictions: [],
    staticObjectives: {},
    cost: { epochs: 10, seconds: 0 },
    seed: index,
    fitness,
    ...(failed ? { error: 'synthetic failure' } : {}),
  };
}

export interface DriveResult {
  readonly proposals: Genome[];
  readonly keys: string[];
  readonly asks: number;
}

/**
 * Runs a searcher like the engine would, without training: ask in batches, tell every proposal with a
 * deterministic fitness, until `count` proposals were made or the searcher returns nothing twice in a row.
 */
export async function drive(
  searcher: Searcher<Genome>,
  space: SearchSpace<Genome>,
  objectives: readonly ObjectiveSpec[],
  count: number,
  batch: number,
  options: DriveOptions = {},
): Promise<DriveResult> {
  const proposals: Genome[] = [];
  const keys: string[] = [];
  let index = options.startIndex ?? 0;
  let empty = 0;
  let asks = 0;
  while (proposals.length < count && empty < 2) {
    const genomes = await searcher.ask(Math.min(batch, count - proposals.length));
    asks++;
    if (genomes.length === 0) {
      empty++;
      continue;
    }
    empty = 0;
    for (const genome of genomes) {
      const key = space.key(genome);
      const failed = options.failEvery !== undefined && index % options.failEvery === options.failEvery - 1;
      const fitness = fitnessFor(objectives, key, options.source ?? 'measured', failed);
      proposals.push(genome);
      keys.push(key);
      await searcher.tell(finishedTrial(genome, index, fitness, failed), fitness);
      index++;
    }
  }
  return { proposals, keys, asks };
}

export function makeSearcher(
  factory: SearcherFactory<Genome>,
  space: SearchSpace<Genome>,
  objectives: readonly ObjectiveSpec[],
  seed: number,
): Searcher<Genome> {
  return factory({ space, rng: createRng(seed).fork('searcher'), objectives });
}
