import { createRng, type Genome, type SearcherFactory } from '@penguin-nas/core';

/** The curves in the order a seeded run meets them: the same permutation for every configuration. */
export function replayOrder<T>(items: readonly T[], seed: number): T[] {
  return createRng(seed).fork('replay-order').shuffle(items);
}

/**
 * A searcher that proposes the given genomes once each, in the given order, and learns nothing: the engine
 * meets the recorded curves exactly as a run would, so a calibration learns only from curves met before.
 */
export function sequenceSearcher(genomes: readonly Genome[]): SearcherFactory {
  return () => {
    let next = 0;
    return {
      name: 'replay-sequence',
      ask(n: number): Genome[] {
        const batch = genomes.slice(next, next + n);
        next += batch.length;
        return batch;
      },
      tell(): void {},
      state: () => ({ next }),
      restore(state: unknown): void {
        const value = (state as { next?: unknown } | null)?.next;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > genomes.length)
          throw new RangeError(
            `replay-sequence.restore: expected { next: integer in [0, ${genomes.length}] }, got ${JSON.stringify(state)}`,
          );
        next = value;
      },
    };
  };
}
