/**
 * Variation operators that respect each decision's kind. They build children decision by decision, in the
 * space's order, so a conditional decision is set exactly when it is active in the child; a value the parents
 * cannot supply (the decision was inactive in them) is sampled fresh. The result goes through `space.repair`,
 * so a space `check()` or an odd bound never yields a genome outside the space.
 */

import type { Decision, DecisionValue, Genome, SearchSpace } from '@penguin-nas/core';
import { isActive, type Rng, sampleDecision } from '@penguin-nas/core';

type MutableGenome = Record<string, DecisionValue>;

/** A value of `decision` different from `value` when the decision allows one (a "small" change for ordered kinds). */
export function perturbValue(decision: Decision, value: DecisionValue | undefined, rng: Rng): DecisionValue {
  if (value === undefined) return sampleDecision(decision, rng);
  switch (decision.kind) {
    case 'categorical': {
      const others = decision.choices.filter((c) => c !== value);
      return others.length > 0 ? rng.pick(others) : value;
    }
    case 'int': {
      const step = decision.step ?? 1;
      const count = Math.floor((decision.high - decision.low) / step);
      if (count === 0) return value;
      const index = Math.round(((value as number) - decision.low) / step);
      // Gaussian step on the grid index, at least one grid step, a fifth of the range wide.
      const width = Math.max(1, count / 5);
      let delta = Math.round(rng.normal() * width);
      if (delta === 0) delta = rng.next() < 0.5 ? -1 : 1;
      const next = Math.min(count, Math.max(0, index + delta));
      return decision.low + step * (next === index ? index + (index === 0 ? 1 : -1) : next);
    }
    case 'float': {
      // Gaussian step, a tenth of the range (in log space for a log-float decision), clamped to the bounds.
      const toUnit = decision.log ? Math.log : (x: number) => x;
      const fromUnit = decision.log ? Math.exp : (x: number) => x;
      const lo = toUnit(decision.low);
      const hi = toUnit(decision.high);
      const moved = toUnit(value as number) + rng.normal() * 0.1 * (hi - lo);
      return Math.min(decision.high, Math.max(decision.low, fromUnit(Math.min(hi, Math.max(lo, moved)))));
    }
    case 'bits': {
      // Bit-flip mutation: each bit flips with probability 1/length, at least one bit flips.
      const bits = (value as string).split('');
      let flipped = false;
      for (let i = 0; i < bits.length; i++) {
        if (rng.next() < 1 / bits.length) {
          bits[i] = bits[i] === '1' ? '0' : '1';
          flipped = true;
        }
      }
      if (!flipped) {
        const i = rng.int(0, bits.length - 1);
        bits[i] = bits[i] === '1' ? '0' : '1';
      }
      return bits.join('');
    }
  }
}

/** Whether a decision has more than one value. */
export function canChange(decision: Decision): boolean {
  switch (decision.kind) {
    case 'categorical':
      return decision.choices.length > 1;
    case 'int':
      return decision.high - decision.low >= (decision.step ?? 1);
    case 'float':
      return decision.high > decision.low;
    case 'bits':
      return decision.length > 0;
  }
}

function finish<G extends Genome>(space: SearchSpace<G>, genome: MutableGenome): G {
  return space.repair(genome).genome;
}

/** Each active decision changes with probability `rate`; at least one decision changes. */
export function mutate<G extends Genome>(space: SearchSpace<G>, parent: G, rng: Rng, rate: number): G {
  const child: MutableGenome = {};
  let changed = false;
  for (const d of space.decisions) {
    if (!isActive(d, child)) continue;
    const inherited = parent[d.name];
    if (inherited === undefined || rng.next() < rate) {
      child[d.name] = perturbValue(d, inherited, rng);
      changed ||= child[d.name] !== inherited;
    } else {
      child[d.name] = inherited;
    }
  }
  return changed ? finish(space, child) : mutateOne(space, parent, rng);
}

/** Exactly one active decision changes (Real et al. 2019: one random edit per child), when the space allows it. */
export function mutateOne<G extends Genome>(space: SearchSpace<G>, parent: G, rng: Rng): G {
  const mutable = space.activeDecisions(parent).filter(canChange);
  if (mutable.length === 0) return parent;
  const target = rng.pick(mutable);
  const child: MutableGenome = {};
  for (const d of space.decisions) {
    if (!isActive(d, child)) continue;
    const inherited = parent[d.name];
    child[d.name] = d === target || inherited === undefined ? perturbValue(d, inherited, rng) : inherited;
  }
  return finish(space, child);
}

function crossValue(decision: Decision, a: DecisionValue, b: DecisionValue, rng: Rng): DecisionValue {
  if (decision.kind === 'bits') {
    // Uniform crossover per bit: bits the parents share are kept (NSGA-Net's homogeneous crossover).
    const x = a as string;
    const y = b as string;
    let out = '';
    for (let i = 0; i < x.length; i++) out += x[i] === y[i] || rng.next() < 0.5 ? x[i] : y[i];
    return out;
  }
  if (decision.kind === 'float' && rng.next() < 0.5) {
    // Blend (arithmetic) crossover half of the time, in log space for a log-float decision.
    const w = rng.next();
    if (decision.log) return Math.exp(w * Math.log(a as number) + (1 - w) * Math.log(b as number));
    return w * (a as number) + (1 - w) * (b as number);
  }
  return rng.next() < 0.5 ? a : b;
}

/** Uniform crossover over decisions (per bit for bit strings). A decision active in only one parent comes from it. */
export function crossover<G extends Genome>(space: SearchSpace<G>, a: G, b: G, rng: Rng): G {
  const child: MutableGenome = {};
  for (const d of space.decisions) {
    if (!isActive(d, child)) continue;
    const va = a[d.name];
    const vb = b[d.name];
    if (va !== undefined && vb !== undefined) child[d.name] = crossValue(d, va, vb, rng);
    else child[d.name] = va ?? vb ?? sampleDecision(d, rng);
  }
  return finish(space, child);
}
