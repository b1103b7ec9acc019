/**
 * From a `Fitness` (named objectives, measured or predicted alike) to numbers the algorithms compare, and back
 * to plain JSON for `state()`.
 */
import { type Fitness, type ObjectiveSpec, toCost } from '@penguin-nas/core';

/**
 * One cost per objective, lower is better: a maximised objective is negated. A missing or non-finite value
 * (a failed trial reports ±Infinity) makes every cost +Infinity: a failed trial is no trade-off (its small
 * parameter count alone must not put it on the Pareto front) and never dominates anything.
 */
export function costs(fitness: Fitness, objectives: readonly ObjectiveSpec[]): number[] {
  const out = objectives.map((spec) => {
    const objective = fitness[spec.name];
    const value = objective?.value;
    if (value === undefined || !Number.isFinite(value)) return Number.POSITIVE_INFINITY;
    return toCost(value, objective?.direction ?? spec.direction);
  });
  return out.every(Number.isFinite) ? out : out.map(() => Number.POSITIVE_INFINITY);
}

/** The objective a single-objective searcher optimises: the named one, else the first declared. */
export function pickObjective(
  objectives: readonly ObjectiveSpec[],
  name: string | undefined,
  who: string,
): ObjectiveSpec {
  if (objectives.length === 0)
    throw new Error(`${who}: expected at least one objective in the run, got none`);
  if (name === undefined) return objectives[0] as ObjectiveSpec;
  const found = objectives.find((o) => o.name === name);
  if (!found) {
    throw new Error(
      `${who}: objective: expected one of ${objectives.map((o) => JSON.stringify(o.name)).join(', ')}, got ${JSON.stringify(name)}`,
    );
  }
  return found;
}

/** A number as plain JSON: non-finite values as strings ('Infinity', '-Infinity', 'NaN'). */
export type JsonNumber = number | 'Infinity' | '-Infinity' | 'NaN';

export function encodeNumber(value: number): JsonNumber {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

export function decodeNumber(value: JsonNumber): number {
  return typeof value === 'number' ? value : Number(value);
}
