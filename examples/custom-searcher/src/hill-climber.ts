/**
 * A custom searcher in under 100 lines: stochastic hill climbing with restarts. It keeps the best genome so
 * far and proposes neighbours (one active decision re-drawn); after `patience` neighbours without improvement
 * it restarts from a random genome. Only ask/tell (+ state/restore): early termination comes from the config.
 */
import {
  createRngFromState,
  type Genome,
  type RngState,
  type Searcher,
  type SearcherContext,
  sampleDecision,
} from '@penguin-nas/core';

export interface HillClimberOptions {
  /** Neighbours tried without improvement before a random restart (default 8). */
  readonly patience?: number;
}

interface Best {
  genome: Genome;
  value: number;
}

export function hillClimber(options: HillClimberOptions = {}) {
  const patience = options.patience ?? 8;
  if (!Number.isInteger(patience) || patience < 1) {
    throw new Error(`hill-climber.patience: expected an integer >= 1, got ${patience}`);
  }
  return ({ space, rng: contextRng, objectives }: SearcherContext): Searcher => {
    const objective = objectives[0];
    if (!objective) throw new Error('hill-climber: expected at least one objective, got none');
    let rng = contextRng;
    let best: Best | undefined;
    let failures = 0;
    const seen = new Set<string>();
    const pending = new Set<string>();

    const neighbour = (from: Genome): Genome => {
      const decision = rng.pick(space.activeDecisions(from));
      return space.repair({ ...from, [decision.name]: sampleDecision(decision, rng) }).genome;
    };
    const propose = (): Genome | undefined => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const restart = !best || failures >= patience;
        const g = restart ? space.sample(rng) : neighbour((best as Best).genome);
        if (restart) failures = 0;
        if (!seen.has(space.key(g))) return g;
      }
      return undefined;
    };

    return {
      name: 'hill-climber',
      ask(n) {
        const out: Genome[] = [];
        while (out.length < n) {
          const g = propose();
          if (!g) break;
          seen.add(space.key(g));
          pending.add(space.key(g));
          out.push(g);
        }
        return out;
      },
      tell(trial, fitness) {
        if (!pending.delete(space.key(trial.genome))) return; // not ours
        const raw = fitness[objective.name]?.value ?? Number.NaN;
        const value = objective.direction === 'maximize' ? raw : -raw; // higher is better
        if (Number.isFinite(value) && (!best || value > best.value)) {
          best = { genome: trial.genome, value };
          failures = 0;
        } else failures++;
      },
      state: () => ({
        rng: rng.state(),
        best: best ?? null,
        failures,
        seen: [...seen],
        pending: [...pending],
      }),
      restore(state) {
        const s = state as {
          rng: RngState;
          best: Best | null;
          failures: number;
          seen: string[];
          pending: string[];
        };
        rng = createRngFromState(s.rng);
        best = s.best ?? undefined;
        failures = s.failures;
        seen.clear();
        for (const k of s.seen) seen.add(k);
        pending.clear();
        for (const k of s.pending) pending.add(k);
      },
    };
  };
}
