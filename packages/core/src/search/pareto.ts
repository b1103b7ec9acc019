/** Pareto dominance, the one definition every searcher, report and view uses. */
import type { Direction } from '../types.js';

/** An objective's value as a cost, lower is better: a maximised objective is negated. */
export function toCost(value: number, direction: Direction): number {
  return direction === 'maximize' ? -value : value;
}

/**
 * True when cost vector `a` dominates `b`: no worse in every coordinate and better in at least one, lower being
 * better everywhere (see `toCost`; a missing value as +Infinity never dominates a finite one).
 */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}
