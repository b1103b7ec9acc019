import type { Condition } from '@penguin-nas/core';

/** Active while the integer decision `depth` is at least `index` (1-based), given its range `[low, high]`. */
export function whenDepthAtLeast(
  depth: string,
  index: number,
  low: number,
  high: number,
): Condition | undefined {
  if (index <= low) return undefined;
  const values: number[] = [];
  for (let v = index; v <= high; v++) values.push(v);
  return { decision: depth, in: values };
}

/** Spreads `{ when }` only when there is a condition (exactOptionalPropertyTypes forbids `when: undefined`). */
export function withCondition(condition: Condition | undefined): { when?: Condition } {
  return condition ? { when: condition } : {};
}

/** Checks an integer range option. */
export function assertRange(
  space: string,
  key: string,
  range: { min: number; max: number },
  floor: number,
): void {
  const { min, max } = range;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < floor || max < min) {
    throw new RangeError(
      `space ${space}: ${key}: expected integers ${floor} <= min <= max, got min ${min} and max ${max}`,
    );
  }
}

/** Checks a non-empty list option. */
export function assertChoices(space: string, key: string, choices: readonly unknown[]): void {
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new RangeError(`space ${space}: ${key}: expected a non-empty list, got ${JSON.stringify(choices)}`);
  }
}
