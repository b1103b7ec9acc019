import {
  createRngFromState,
  type Genome,
  type RngState,
  type Searcher,
  SearcherError,
  type SearcherFactory,
  SeenGenomes,
} from '@penguin-nas/core';

export interface RandomSearcherOptions {
  /** Samples tried per proposal before accepting that the space has no unseen genome left (default 1000). */
  readonly maxRetries?: number;
}

interface RandomState {
  readonly rng: unknown;
  readonly seen: readonly string[];
}

/**
 * Uniform random sampling over any space, without duplicates while unseen genomes remain.
 * When the space is finite and every genome was proposed, `ask` returns nothing: the searcher is exhausted.
 */
export function randomSearcher(options: RandomSearcherOptions = {}): SearcherFactory<Genome> {
  const maxRetries = options.maxRetries ?? 1000;
  if (!Number.isInteger(maxRetries) || maxRetries < 1) {
    throw new RangeError(`random.maxRetries: expected an integer >= 1, got ${maxRetries}`);
  }
  return ({ space, rng: initialRng }) => {
    let rng = initialRng;
    const seen = new SeenGenomes(space);

    const proposeOne = (): Genome | undefined =>
      seen.exhausted() ? undefined : seen.firstUnseen(maxRetries, () => space.sample(rng));

    const searcher: Searcher<Genome> = {
      name: 'random',
      ask(n) {
        const out: Genome[] = [];
        for (let i = 0; i < n; i++) {
          const genome = proposeOne();
          if (!genome) break;
          out.push(genome);
        }
        return out;
      },
      tell() {
        // Random search does not learn from results.
      },
      state(): RandomState {
        return { rng: rng.state(), seen: seen.toJSON() };
      },
      restore(state) {
        const s = state as RandomState;
        if (!s || !Array.isArray(s.seen))
          throw new SearcherError(
            'random',
            'restore',
            `expected { rng, seen[] }, got ${JSON.stringify(state)}`,
          );
        rng = createRngFromState(s.rng as RngState);
        seen.restore(s.seen);
      },
    };
    return searcher;
  };
}
