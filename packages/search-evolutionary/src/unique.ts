/**
 * De-duplication: every genome a searcher proposes is new (by `space.key`) while the space has new genomes.
 */

import type { Decision, DecisionValue, Genome, SearchSpace } from '@penguin-nas/core';
import { decisionValues, isActive, type Rng } from '@penguin-nas/core';

/** Spaces up to this size are enumerated when random proposals keep hitting known genomes. */
const ENUMERATE_LIMIT = 100_000;

/** Every genome of a finite space, in decision order (only called for spaces of known, small size). */
function* enumerate<G extends Genome>(space: SearchSpace<G>): Generator<G> {
  const decisions = space.decisions;
  function* walk(index: number, partial: Record<string, DecisionValue>): Generator<G> {
    if (index === decisions.length) {
      if (space.contains(partial)) yield { ...partial } as G;
      return;
    }
    const d = decisions[index] as Decision;
    if (!isActive(d, partial)) {
      yield* walk(index + 1, partial);
      return;
    }
    for (const v of d.kind === 'float' ? [] : decisionValues(d)) {
      partial[d.name] = v;
      yield* walk(index + 1, partial);
    }
    delete partial[d.name];
  }
  yield* walk(0, {});
}

/** The keys of every genome proposed so far. */
export class SeenGenomes<G extends Genome> {
  private readonly keys = new Set<string>();

  constructor(private readonly space: SearchSpace<G>) {}

  has(genome: G): boolean {
    return this.keys.has(this.space.key(genome));
  }

  add(genome: G): void {
    this.keys.add(this.space.key(genome));
  }

  get size(): number {
    return this.keys.size;
  }

  /** True when the space is finite and every genome has been proposed. */
  exhausted(): boolean {
    const size = this.space.size();
    return size !== undefined && this.keys.size >= size;
  }

  /**
   * A genome not proposed before, marked as seen: first from `generate` (the strategy's own proposal,
   * `attempts` tries), then uniform samples, then, for a small finite space, a random unseen genome from the
   * full enumeration. Undefined when the space is exhausted.
   */
  propose(generate: () => G, rng: Rng, attempts = 20): G | undefined {
    if (this.exhausted()) return undefined;
    for (let i = 0; i < attempts; i++) {
      const g = generate();
      if (!this.has(g)) return this.accept(g);
    }
    for (let i = 0; i < 100; i++) {
      const g = this.space.sample(rng);
      if (!this.has(g)) return this.accept(g);
    }
    const size = this.space.size();
    if (size === undefined || size > ENUMERATE_LIMIT) return undefined;
    const unseen: G[] = [];
    for (const g of enumerate(this.space)) if (!this.has(g)) unseen.push(g);
    return unseen.length > 0 ? this.accept(rng.pick(unseen)) : undefined;
  }

  private accept(genome: G): G {
    this.add(genome);
    return genome;
  }

  /** Plain-JSON list of keys, for `state()`. */
  toJSON(): string[] {
    return [...this.keys];
  }

  restore(keys: readonly string[]): void {
    this.keys.clear();
    for (const k of keys) this.keys.add(k);
  }
}
