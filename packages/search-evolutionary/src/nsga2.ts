/**
 * NSGA-II (Deb et al. 2002) as NSGA-Net (Lu et al. 2019) uses it: a generational, elitist multi-objective
 * genetic algorithm. Each generation's offspring come from binary tournaments on (rank, crowding distance),
 * kind-aware crossover and mutation; parents and offspring then compete for the next population.
 * Only `ask`/`tell`: whether a fitness was measured or predicted makes no difference here.
 */

import type {
  FinishedTrial,
  Fitness,
  Genome,
  ObjectiveSpec,
  Searcher,
  SearcherContext,
} from '@penguin-nas/core';
import { createRngFromState, type Rng, SeenGenomes } from '@penguin-nas/core';
import { z } from 'zod';
import { costs } from './objectives.js';
import { crossover, mutate } from './operators.js';
import { nonDominatedSort, rankAndCrowding, selectSurvivors } from './pareto.js';
import {
  decodeIndividual,
  encodeIndividual,
  genomeSchema,
  type Individual,
  individualSchema,
  parseState,
  rngStateSchema,
} from './state.js';

export const nsga2Options = z.strictObject({
  /** Individuals kept from one generation to the next (and the size of the random first generation). */
  populationSize: z.number().int().min(2).default(20),
  /** Children per generation (default: populationSize). */
  offspring: z.number().int().min(1).optional(),
  /** Generations in all, the random first one included; unset = until the run's budget ends. */
  generations: z.number().int().min(1).optional(),
  /** Probability that a child comes from crossover of two parents (else it is a copy of one, then mutated). */
  crossoverRate: z.number().min(0).max(1).default(0.9),
  /** Probability that each active decision of a child mutates (default 1 / number of decisions); at least one does. */
  mutationRate: z.number().min(0).max(1).optional(),
  /** The run's objectives to optimise, by name (default: all of them). */
  objectives: z.array(z.string()).min(1).optional(),
});
export type Nsga2Options = z.input<typeof nsga2Options>;

/** A member of the Pareto front, with its objective values as reported (not negated). */
export interface FrontMember<G extends Genome = Genome> {
  readonly genome: G;
  readonly objectives: Readonly<Record<string, number>>;
}

export interface Nsga2Searcher<G extends Genome = Genome> extends Searcher<G> {
  /** The non-dominated genomes among all evaluated so far. */
  paretoFront(): FrontMember<G>[];
  /** Generations created so far (1 after the random first one). */
  readonly generation: number;
}

const stateSchema = z.object({
  version: z.literal(1),
  rng: rngStateSchema,
  generation: z.number().int().min(0),
  population: z.array(individualSchema),
  evaluated: z.array(individualSchema),
  archive: z.array(individualSchema),
  queue: z.array(genomeSchema),
  outstanding: z.array(genomeSchema),
  seen: z.array(z.string()),
});

/** `nsga2({ populationSize: 20 })` gives a factory the engine calls with the space, a seeded RNG and the objectives. */
export function nsga2<G extends Genome = Genome>(
  options: Nsga2Options = {},
): (context: SearcherContext<G>) => Nsga2Searcher<G> {
  const opts = nsga2Options.parse(options);
  return ({ space, rng: contextRng, objectives: runObjectives }) => {
    const objectives: ObjectiveSpec[] = (opts.objectives ?? runObjectives.map((o) => o.name)).map((name) => {
      const spec = runObjectives.find((o) => o.name === name);
      if (!spec) {
        throw new Error(
          `nsga2: objectives: expected names among ${runObjectives.map((o) => JSON.stringify(o.name)).join(', ')}, got ${JSON.stringify(name)}`,
        );
      }
      return spec;
    });
    if (objectives.length === 0)
      throw new Error('nsga2: expected at least one objective in the run, got none');
    const offspringCount = opts.offspring ?? opts.populationSize;
    const mutationRate = opts.mutationRate ?? 1 / Math.max(1, space.decisions.length);

    let rng: Rng = contextRng;
    let generation = 0;
    let population: Individual<G>[] = [];
    let evaluated: Individual<G>[] = [];
    let archive: Individual<G>[] = [];
    let queue: G[] = [];
    const outstanding = new Map<string, G>();
    const seen = new SeenGenomes(space);

    const tournament = (ranks: number[], crowding: number[]): G => {
      const i = rng.int(0, population.length - 1);
      const j = rng.int(0, population.length - 1);
      const ri = ranks[i] as number;
      const rj = ranks[j] as number;
      const ci = crowding[i] as number;
      const cj = crowding[j] as number;
      let better: number;
      if (ri !== rj) better = ri < rj ? i : j;
      else if (ci !== cj) better = ci > cj ? i : j;
      else better = rng.next() < 0.5 ? i : j;
      return (population[better] as Individual<G>).genome;
    };

    /** Creates the next generation's genomes; false when the search is over. */
    const advance = (): boolean => {
      if (generation > 0) {
        const pool = [...population, ...evaluated];
        population = selectSurvivors(
          pool.map((p) => p.costs),
          opts.populationSize,
        ).map((i) => pool[i] as Individual<G>);
        evaluated = [];
      }
      if (opts.generations !== undefined && generation >= opts.generations) return false;
      const next: G[] = [];
      if (population.length === 0) {
        for (let k = 0; k < opts.populationSize; k++) {
          const g = seen.propose(() => space.sample(rng), rng);
          if (g === undefined) break;
          next.push(g);
        }
      } else {
        const { rank, crowding } = rankAndCrowding(population.map((p) => p.costs));
        const child = (): G => {
          const a = tournament(rank, crowding);
          const parent =
            rng.next() < opts.crossoverRate ? crossover(space, a, tournament(rank, crowding), rng) : a;
          return mutate(space, parent, rng, mutationRate);
        };
        for (let k = 0; k < offspringCount; k++) {
          const g = seen.propose(child, rng);
          if (g === undefined) break;
          next.push(g);
        }
      }
      generation++;
      queue = next;
      return next.length > 0;
    };

    return {
      name: 'nsga2',
      get generation() {
        return generation;
      },
      ask(n) {
        const out: G[] = [];
        while (out.length < n) {
          if (queue.length === 0 && (outstanding.size > 0 || !advance())) break;
          const g = queue.shift() as G;
          outstanding.set(space.key(g), g);
          out.push(g);
        }
        return out;
      },
      tell(trial: FinishedTrial<G>, fitness: Fitness) {
        let key = space.key(trial.genome);
        if (!outstanding.has(key) && trial.repairedFrom) key = space.key(trial.repairedFrom as G);
        const genome = outstanding.get(key);
        if (genome === undefined) return; // not proposed by this searcher (or told twice): nothing to learn
        outstanding.delete(key);
        const individual = { genome, costs: costs(fitness, objectives) };
        evaluated.push(individual);
        archive.push(individual);
      },
      paretoFront() {
        const front = nonDominatedSort(archive.map((a) => a.costs))[0] ?? [];
        return front.map((i) => {
          const a = archive[i] as Individual<G>;
          const values: Record<string, number> = {};
          objectives.forEach((o, m) => {
            const c = a.costs[m] as number;
            values[o.name] = o.direction === 'maximize' ? -c : c;
          });
          return { genome: a.genome, objectives: values };
        });
      },
      state() {
        return {
          version: 1,
          rng: rng.state(),
          generation,
          population: population.map(encodeIndividual),
          evaluated: evaluated.map(encodeIndividual),
          archive: archive.map(encodeIndividual),
          queue: [...queue],
          outstanding: [...outstanding.values()],
          seen: seen.toJSON(),
        };
      },
      restore(state: unknown) {
        const s = parseState('nsga2', stateSchema, state);
        rng = createRngFromState(s.rng);
        generation = s.generation;
        population = s.population.map((p) => decodeIndividual<G>(p));
        evaluated = s.evaluated.map((p) => decodeIndividual<G>(p));
        archive = s.archive.map((p) => decodeIndividual<G>(p));
        queue = s.queue.map((g) => g as G);
        outstanding.clear();
        for (const g of s.outstanding) outstanding.set(space.key(g as G), g as G);
        seen.restore(s.seen);
      },
    };
  };
}
