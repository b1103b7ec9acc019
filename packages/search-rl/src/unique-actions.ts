/**
 * De-duplication for the controller, on core's `SeenGenomes`: a proposal is new by `space.key` while the space
 * has new genomes. Controller samples come first, at a temperature that rises with each repeat (so a converged
 * controller explores the neighbourhood of its favourite rather than the whole space); then a uniform sample
 * (snapped to the controller's grid); then, for small finite spaces, an unseen genome from the full enumeration
 * of actions.
 */
import { ENUMERATE_LIMIT, type Genome, type Rng, type SearchSpace, SeenGenomes } from '@penguin-nas/core';
import type { Encoding } from './encoding.js';

/** Uniform samples tried after the controller's own samples all repeated. */
const UNIFORM_TRIES = 100;

export interface Proposal<G> {
  readonly genome: G;
  readonly actions: number[];
  readonly mask: number[];
}

const genomeOf = <G>(p: Proposal<G>): G => p.genome;

export class UniqueActions<G extends Genome> {
  private readonly seen: SeenGenomes<G>;

  constructor(
    private readonly space: SearchSpace<G>,
    private readonly encoding: Encoding<G>,
  ) {
    this.seen = new SeenGenomes(space);
  }

  /** A new genome with its actions, marked as seen; undefined when no new genome can be found. */
  propose(sample: (attempt: number) => number[], rng: Rng, attempts: number): Proposal<G> | undefined {
    if (this.seen.exhausted()) return undefined;
    return (
      this.seen.firstUnseen(attempts, (i) => this.proposal(sample(i)), genomeOf) ??
      this.seen.firstUnseen(
        UNIFORM_TRIES,
        () => this.proposal(this.encoding.encode(this.space.sample(rng))),
        genomeOf,
      ) ??
      this.pickUnseen(rng)
    );
  }

  /**
   * The proposal of `actions`, or undefined when it has no genome in the space. A genome outside the space (e.g.
   * a table's unrecorded combination, or one its `check` rejects) is first replaced by `space.repair`'s nearest
   * genome, and the actions by that genome's actions, so the policy gradient credits what was actually evaluated.
   */
  private proposal(sampled: number[]): Proposal<G> | undefined {
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
    return { genome, actions, mask };
  }

  /** A random unseen proposal among every action sequence, when there are at most `ENUMERATE_LIMIT` of them. */
  private pickUnseen(rng: Rng): Proposal<G> | undefined {
    const combos = this.encoding.steps.reduce((n, s) => n * s.values.length, 1);
    if (combos > ENUMERATE_LIMIT) return undefined;
    return this.seen.pickUnseen(this.everyProposal(combos), rng, genomeOf);
  }

  /** The proposal of every action sequence whose genome is in the space, in mixed-radix order. */
  private *everyProposal(combos: number): Generator<Proposal<G>> {
    const actions = this.encoding.steps.map(() => 0);
    for (let k = 0; k < combos; k++) {
      let rest = k;
      this.encoding.steps.forEach((s, t) => {
        actions[t] = rest % s.values.length;
        rest = Math.floor(rest / s.values.length);
      });
      const { genome, mask } = this.encoding.decode(actions);
      if (this.space.contains(genome)) yield { genome, actions: [...actions], mask };
    }
  }

  toJSON(): string[] {
    return this.seen.toJSON();
  }

  restore(keys: readonly string[]): void {
    this.seen.restore(keys);
  }
}
