import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/** A seeded source of randomness. Every random choice in Penguin goes through one, so a seed makes a run reproducible. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Standard normal sample (Box–Muller). */
  normal(): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent generator derived from this one and a label; this generator does not advance. */
  fork(label: string): Rng;
  /** Serializable state; `createRngFromState(rng.state())` continues the same sequence. */
  state(): RngState;
}

export interface RngState {
  readonly kind: 'xoroshiro128plus';
  readonly words: readonly number[];
}

/** FNV-1a over the label, mixed with a seed: stable 32-bit integers for forking. */
function hash32(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h | 0;
}

/** A 32-bit finaliser (murmur3's), so that nearby seeds give unrelated generator states. */
function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

class PureRng implements Rng {
  constructor(private generator: JumpableRandomGenerator) {}

  next(): number {
    return uniformFloat64(this.generator);
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`rng.int: expected integers min <= max, got ${min} and ${max}`);
    }
    return uniformInt(this.generator, min, max);
  }

  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('rng.pick: expected a non-empty array');
    return items[this.int(0, items.length - 1)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  fork(label: string): Rng {
    let seed = 0;
    for (const word of this.generator.getState()) seed = hash32(seed ^ word, label);
    return new PureRng(xoroshiro128plus(mix32(seed)));
  }

  state(): RngState {
    return { kind: 'xoroshiro128plus', words: [...this.generator.getState()] };
  }
}

/** A generator for a seed (any finite number; non-integers are hashed). */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: expected a finite seed, got ${seed}`);
  const intSeed = Number.isInteger(seed) && Math.abs(seed) <= 0x7fffffff ? seed : hash32(0, String(seed));
  return new PureRng(xoroshiro128plus(mix32(intSeed)));
}

/** Continue a generator from `rng.state()`. */
export function createRngFromState(state: RngState): Rng {
  if (state?.kind !== 'xoroshiro128plus' || !Array.isArray(state.words)) {
    throw new TypeError(
      `createRngFromState: expected { kind: 'xoroshiro128plus', words }, got ${JSON.stringify(state)}`,
    );
  }
  return new PureRng(xoroshiro128plusFromState(state.words));
}
