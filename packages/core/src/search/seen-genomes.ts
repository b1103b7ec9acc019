/**
 * "Propose only unseen genomes", for every searcher: the keys (`space.key`) of the genomes proposed so far, and
 * the fallbacks a searcher runs through when its own proposals keep repeating genomes it has proposed before.
 */
import type { Rng } from '../rng.js';
import { enumerateGenomes } from '../space/enumerate.js';
import type { Genome, SearchSpace } from '../types.js';

/** Finite spaces (or action grids) up to this size are enumerated when proposals keep hitting known genomes. */
export const ENUMERATE_LIMIT = 100_000;

/** Uniform samples tried by `propose` after the searcher's own proposals all repeated. */
const UNIFORM_TRIES = 100;

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
   * A genome not proposed before, marked as seen: first from `generate` (the searcher's own proposal, `attempts`
   * tries), then uniform samples, then, for a finite space of at most `ENUMERATE_LIMIT` genomes, a random unseen
   * genome of the full enumeration. Undefined when the space is exhausted or no unseen genome was found.
   */
  propose(generate: () => G, rng: Rng, attempts = 20): G | undefined {
    if (this.exhausted()) return undefined;
    return (
      this.firstUnseen(attempts, generate) ??
      this.firstUnseen(UNIFORM_TRIES, () => this.space.sample(rng)) ??
      this.pickUnseenGenome(rng)
    );
  }

  /**
   * The first of `tries` candidates (`candidate(0)`, `candidate(1)`, …) whose genome is unseen, marked as seen.
   * A candidate may be the genome itself or carry it (`genomeOf`); an undefined candidate counts as a miss.
   */
  firstUnseen(tries: number, candidate: (attempt: number) => G | undefined): G | undefined;
  firstUnseen<C>(
    tries: number,
    candidate: (attempt: number) => C | undefined,
    genomeOf: (c: C) => G,
  ): C | undefined;
  firstUnseen<C>(
    tries: number,
    candidate: (attempt: number) => C | undefined,
    genomeOf: (c: C) => G = (c) => c as unknown as G,
  ): C | undefined {
    for (let attempt = 0; attempt < tries; attempt++) {
      const c = candidate(attempt);
      if (c === undefined) continue;
      const genome = genomeOf(c);
      if (this.has(genome)) continue;
      this.add(genome);
      return c;
    }
    return undefined;
  }

  /** A uniformly random candidate whose genome is unseen, marked as seen; undefined when all are seen. */
  pickUnseen<C>(candidates: Iterable<C>, rng: Rng, genomeOf: (c: C) => G): C | undefined {
    const unseen: C[] = [];
    for (const c of candidates) if (!this.has(genomeOf(c))) unseen.push(c);
    if (unseen.length === 0) return undefined;
    const picked = rng.pick(unseen);
    this.add(genomeOf(picked));
    return picked;
  }

  /** Plain-JSON list of keys, for a searcher's `state()`. */
  toJSON(): string[] {
    return [...this.keys];
  }

  restore(keys: readonly string[]): void {
    this.keys.clear();
    for (const k of keys) this.keys.add(k);
  }

  /** A random unseen genome of the whole space, when the space is finite and small enough to enumerate. */
  private pickUnseenGenome(rng: Rng): G | undefined {
    const size = this.space.size();
    if (size === undefined || size > ENUMERATE_LIMIT) return undefined;
    return this.pickUnseen(enumerateGenomes(this.space), rng, (g) => g);
  }
}
