/**
 * De-duplication for the controller: a proposal is new by `space.key` while the space has new genomes.
 * Controller samples come first, at a temperature that rises with each repeat (so a converged controller
 * explores the neighbourhood of its favourite rather than the whole space); then a uniform sample (snapped to
 * the controller's grid); then, for small finite spaces, an unseen genome from the full enumeration of actions.
 */
import type { Genome, Rng, SearchSpace } from '@penguin-nas/core';
import type { Encoding } from './encoding.js';

/** Action sequences up to this count are enumerated when sampling keeps hitting known genomes. */
const ENUMERATE_LIMIT = 100_000;

export interface Proposal<G> {
  readonly genome: G;
  readonly actions: number[];
  readonly mask: number[];
}

export class UniqueActions<G extends Genome> {
  private readonly keys = new Set<string>();

  constructor(
    private readonly space: SearchSpace<G>,
    private readonly encoding: Encoding<G>,
  ) {}

  /** A new genome with its actions, marked as seen; undefined when no new genome can be found. */
  propose(sample: (attempt: number) => number[], rng: Rng, attempts: number): Proposal<G> | undefined {
    const size = this.space.size();
    if (size !== undefined && this.keys.size >= size) return undefined;
    for (let i = 0; i < attempts; i++) {
      const found = this.accept(sample(i));
      if (found) return found;
    }
    for (let i = 0; i < 100; i++) {
      const found = this.accept(this.encoding.encode(this.space.sample(rng)));
      if (found) return found;
    }
    const combos = this.encoding.steps.reduce((n, s) => n * s.values.length, 1);
    if (combos > ENUMERATE_LIMIT) return undefined;
    const unseen: number[][] = [];
    const actions = this.encoding.steps.map(() => 0);
    for (let k = 0; k < combos; k++) {
      let rest = k;
      this.encoding.steps.forEach((s, t) => {
        actions[t] = rest % s.values.length;
        rest = Math.floor(rest / s.values.length);
      });
      const { genome } = this.encoding.decode(actions);
      if (this.space.contains(genome) && !this.keys.has(this.space.key(genome))) unseen.push([...actions]);
    }
    return unseen.length > 0 ? this.accept(rng.pick(unseen)) : undefined;
  }

  /**
   * Marks the genome of `actions` as seen and returns it, or undefined when it was seen before. A genome
   * outside the space (e.g. a table's unrecorded combination, or one its `check` rejects) is first replaced
   * by `space.repair`'s nearest genome, and the actions by that genome's actions, so the policy gradient
   * credits what was actually evaluated.
   */
  private accept(sampled: number[]): Proposal<G> | undefined {
    let actions = sampled;
    let { genome, mask } = this.encoding.decode(actions);
    if (!this.space.contains(genome)) {
      let repaired: G;
      try {
        repaired = this.space.repair(genome).genome;
      } catch {
        return undefined;
      }
      actions = this.encoding.encode(repaired);
      ({ genome, mask } = this.encoding.decode(actions));
      if (!this.space.contains(genome)) return undefined;
    }
    const key = this.space.key(genome);
    if (this.keys.has(key)) return undefined;
    this.keys.add(key);
    return { genome, actions, mask };
  }

  toJSON(): string[] {
    return [...this.keys];
  }

  restore(keys: readonly string[]): void {
    this.keys.clear();
    for (const k of keys) this.keys.add(k);
  }
}
