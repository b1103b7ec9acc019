import type { Genome, SearcherFactory } from '../src/index.js';

/** Unique random proposals; core's tests do not depend on the search-random package. */
export function randomSearcherForTests(): SearcherFactory<Genome> {
  return ({ space, rng }) => {
    const seen = new Set<string>();
    return {
      name: 'random-for-tests',
      ask(n) {
        const out: Genome[] = [];
        for (let tries = 0; out.length < n && tries < 1000; tries++) {
          const g = space.sample(rng);
          if (seen.has(space.key(g))) continue;
          seen.add(space.key(g));
          out.push(g);
        }
        return out;
      },
      tell() {},
    };
  };
}
