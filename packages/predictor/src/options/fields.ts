import { z } from 'zod';

/** How a received value is shown in messages: JSON where possible, so strings keep their quotes. */
export function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** An integer >= min, with the house message `expected an integer >= 2, got 1`. */
export function intAtLeast(min: number) {
  const error = (issue: { input?: unknown }) => `expected an integer >= ${min}, got ${shown(issue.input)}`;
  return z.number({ error }).int({ error }).min(min, { error });
}

/** A finite number > min (exclusive) or >= min (inclusive). */
export function numberAbove(min: number, inclusive: boolean) {
  const words = `expected a number ${inclusive ? '>=' : '>'} ${min}`;
  const error = (issue: { input?: unknown }) => `${words}, got ${shown(issue.input)}`;
  const base = z.number({ error });
  return inclusive ? base.min(min, { error }) : base.gt(min, { error });
}

/** A number in an interval, with both ends stated in the message. */
export function numberIn(min: number, max: number, openMin: boolean, openMax: boolean) {
  const words = `expected a number in ${openMin ? '(' : '['}${min}, ${max}${openMax ? ')' : ']'}`;
  const error = (issue: { input?: unknown }) => `${words}, got ${shown(issue.input)}`;
  const base = z.number({ error });
  const low = openMin ? base.gt(min, { error }) : base.min(min, { error });
  return openMax ? low.lt(max, { error }) : low.max(max, { error });
}

/** `[min, max]` in metric units with min < max (infinite ends allowed, e.g. `[0, Infinity]` in a .ts config). */
export const rangeSchema = z
  .tuple([z.number(), z.number()], {
    error: (issue) => `expected [min, max] (two numbers), got ${shown(issue.input)}`,
  })
  .refine((r) => r[0] < r[1], {
    error: (issue) => `expected [min, max] with min < max, got ${shown(issue.input)}`,
  });

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => `expected one of ${values.map((v) => `'${v}'`).join(', ')}, got ${shown(issue.input)}`,
  });
}

/** An optional option under an old name, marked deprecated for editors (the JSON Schema) with its replacement. */
export function deprecated<T extends z.ZodType>(schema: T, replacement: string) {
  return schema.optional().meta({ deprecated: true, description: `Deprecated: use ${replacement}` });
}
