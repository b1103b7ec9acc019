/**
 * A search space as the controller sees it: a fixed sequence of steps, one softmax each. A categorical or
 * integer decision is one step; a bit string of length L is L two-way steps; a float decision is one step over
 * `floatBins` grid values (geometric for log-floats). Every step is sampled, conditional or not; a step whose
 * decision is inactive in the decoded genome is left out of the genome and masked out of the policy gradient.
 */

import type { Decision, DecisionValue, Genome, SearchSpace } from '@penguin-nas/core';
import { isActive } from '@penguin-nas/core';

/** The most values one step may have. */
export const MAX_STEP_VALUES = 1024;

export interface Step {
  readonly decision: Decision;
  /** Values this step chooses from (for a bit of a bit string: '0' and '1'). */
  readonly values: readonly DecisionValue[];
  /** For bit strings: which bit. */
  readonly bit?: number;
}

export interface Encoding<G extends Genome> {
  readonly steps: readonly Step[];
  /** The genome and, per step, 1 when its decision is active (part of the genome), 0 when not. */
  decode(actions: readonly number[]): { genome: G; mask: number[] };
  /** The actions nearest to a genome (floats snap to the nearest bin). */
  encode(genome: Genome): number[];
}

function floatGrid(decision: Extract<Decision, { kind: 'float' }>, bins: number): number[] {
  if (decision.high === decision.low) return [decision.low];
  const out: number[] = [];
  for (let i = 0; i < bins; i++) {
    const w = i / (bins - 1);
    out.push(
      decision.log
        ? Math.exp(Math.log(decision.low) + w * (Math.log(decision.high) - Math.log(decision.low)))
        : decision.low + w * (decision.high - decision.low),
    );
  }
  // Exact bounds despite rounding.
  out[0] = decision.low;
  out[out.length - 1] = decision.high;
  return out;
}

/** Builds the step sequence, or throws a message saying which decision cannot be handled and what to do. */
export function encodeSpace<G extends Genome>(
  space: SearchSpace<G>,
  floatBins: number | undefined,
): Encoding<G> {
  const steps: Step[] = [];
  for (const d of space.decisions) {
    const where = `reinforce: space ${space.name}: decision "${d.name}"`;
    switch (d.kind) {
      case 'categorical':
        steps.push({ decision: d, values: d.choices });
        break;
      case 'int': {
        const step = d.step ?? 1;
        const count = Math.floor((d.high - d.low) / step) + 1;
        if (count > MAX_STEP_VALUES) {
          throw new Error(
            `${where}: expected at most ${MAX_STEP_VALUES} integer values, got ${count}; narrow its range or give it a larger step`,
          );
        }
        steps.push({ decision: d, values: Array.from({ length: count }, (_, i) => d.low + i * step) });
        break;
      }
      case 'float':
        if (floatBins === undefined) {
          throw new Error(
            `${where}: is a float, which the controller cannot sample; set the option floatBins (e.g. floatBins: 8) to discretise it`,
          );
        }
        steps.push({ decision: d, values: floatGrid(d, floatBins) });
        break;
      case 'bits':
        for (let bit = 0; bit < d.length; bit++) steps.push({ decision: d, values: ['0', '1'], bit });
        break;
    }
  }

  const decode = (actions: readonly number[]) => {
    const genome: Record<string, DecisionValue> = {};
    const mask: number[] = [];
    const bits = new Map<string, string[]>();
    steps.forEach((s, t) => {
      const value = s.values[actions[t] as number] as DecisionValue;
      const active = isActive(s.decision, genome);
      mask.push(active ? 1 : 0);
      if (!active) return;
      if (s.bit === undefined) {
        genome[s.decision.name] = value;
        return;
      }
      const list = bits.get(s.decision.name) ?? [];
      list.push(String(value));
      bits.set(s.decision.name, list);
      if (list.length === (s.decision as Extract<Decision, { kind: 'bits' }>).length) {
        genome[s.decision.name] = list.join('');
      }
    });
    return { genome: genome as G, mask };
  };

  const encode = (genome: Genome) =>
    steps.map((s) => {
      const value = genome[s.decision.name];
      if (value === undefined) return 0;
      if (s.bit !== undefined) return String(value)[s.bit] === '1' ? 1 : 0;
      if (typeof value === 'number') {
        let best = 0;
        s.values.forEach((v, i) => {
          if (Math.abs((v as number) - value) < Math.abs((s.values[best] as number) - value)) best = i;
        });
        return best;
      }
      return Math.max(0, s.values.indexOf(value));
    });

  return { steps, decode, encode };
}
