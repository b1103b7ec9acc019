/**
 * Regularized (aging) evolution (Real et al. 2019, AmoebaNet) for one objective. A population of the most
 * recently evaluated genomes; each child mutates the best of `sampleSize` random members in exactly one
 * decision; when a child's result arrives it joins the population and the oldest member leaves. Works
 * asynchronously: a child can be proposed whenever one result is in.
 */

import type { FinishedTrial, Fitness, Genome, Searcher, SearcherContext } from '@penguin-nas/core';
import { createRngFromState, type Rng, SeenGenomes } from '@penguin-nas/core';
import { z } from 'zod';
import { costs, pickObjective } from './objectives.js';
import { mutateOne } from './operators.js';
import {
  decodeIndividual,
  encodeIndividual,
  genomeSchema,
  type Individual,
  individualSchema,
  parseState,
  rngStateSchema,
} from './state.js';

export const regularizedEvolutionOptions = z
  .strictObject({
    /** Genomes kept alive; the first `populationSize` trials are random. */
    populationSize: z.number().int().min(2).default(20),
    /** Members drawn (without replacement) for each parent tournament. */
    sampleSize: z.number().int().min(1).default(5),
    /** Trials to propose in all, the random ones included; unset = until the run's budget ends. */
    cycles: z.number().int().min(1).optional(),
    /** The run objective to optimise (default: the first declared). */
    objective: z.string().optional(),
  })
  .refine((o) => o.sampleSize <= o.populationSize, {
    message: 'sampleSize: expected at most populationSize',
    path: ['sampleSize'],
  });
export type RegularizedEvolutionOptions = z.input<typeof regularizedEvolutionOptions>;

const stateSchema = z.object({
  version: z.literal(1),
  rng: rngStateSchema,
  proposed: z.number().int().min(0),
  population: z.array(individualSchema),
  outstanding: z.array(genomeSchema),
  seen: z.array(z.string()),
});

/** `regularizedEvolution({ populationSize: 20, sampleSize: 5 })` gives a searcher factory. */
export function regularizedEvolution<G extends Genome = Genome>(
  options: RegularizedEvolutionOptions = {},
): (context: SearcherContext<G>) => Searcher<G> {
  const opts = regularizedEvolutionOptions.parse(options);
  return ({ space, rng: contextRng, objectives }) => {
    const objective = pickObjective(objectives, opts.objective, 'regularized-evolution');
    let rng: Rng = contextRng;
    let proposed = 0;
    /** Oldest first. */
    let population: Individual<G>[] = [];
    const outstanding = new Map<string, G>();
    const seen = new SeenGenomes(space);

    const parent = (): G => {
      const contenders = rng.shuffle(population).slice(0, opts.sampleSize);
      let best = contenders[0] as Individual<G>;
      for (const c of contenders) if ((c.costs[0] as number) < (best.costs[0] as number)) best = c;
      return best.genome;
    };

    return {
      name: 'regularized-evolution',
      ask(n) {
        const out: G[] = [];
        while (out.length < n) {
          if (opts.cycles !== undefined && proposed >= opts.cycles) break;
          const warmingUp = proposed < opts.populationSize;
          if (!warmingUp && population.length === 0) break; // wait for the first result
          const g = seen.propose(
            warmingUp ? () => space.sample(rng) : () => mutateOne(space, parent(), rng),
            rng,
          );
          if (g === undefined) break;
          proposed++;
          outstanding.set(space.key(g), g);
          out.push(g);
        }
        return out;
      },
      tell(trial: FinishedTrial<G>, fitness: Fitness) {
        let key = space.key(trial.genome);
        if (!outstanding.has(key) && trial.repairedFrom) key = space.key(trial.repairedFrom as G);
        const genome = outstanding.get(key);
        if (genome === undefined) return; // not proposed by this searcher (or told twice)
        outstanding.delete(key);
        population.push({ genome, costs: costs(fitness, [objective]) });
        if (population.length > opts.populationSize) population.shift();
      },
      state() {
        return {
          version: 1,
          rng: rng.state(),
          proposed,
          population: population.map(encodeIndividual),
          outstanding: [...outstanding.values()],
          seen: seen.toJSON(),
        };
      },
      restore(state: unknown) {
        const s = parseState('regularized-evolution', stateSchema, state);
        rng = createRngFromState(s.rng);
        proposed = s.proposed;
        population = s.population.map((p) => decodeIndividual<G>(p));
        outstanding.clear();
        for (const g of s.outstanding) outstanding.set(space.key(g as G), g as G);
        seen.restore(s.seen);
      },
    };
  };
}
