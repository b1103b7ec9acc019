/** Plain-JSON state shared by the evolutionary searchers, checked with zod on `restore`. */
import { z } from 'zod';
import { decodeNumber, encodeNumber, type JsonNumber } from './objectives.js';

export const jsonNumber = z.union([z.number(), z.enum(['Infinity', '-Infinity', 'NaN'])]);
export const genomeSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export const rngStateSchema = z.object({ kind: z.literal('xoroshiro128plus'), words: z.array(z.number()) });

/** A genome with its costs (lower is better, one per objective). */
export interface Individual<G> {
  readonly genome: G;
  readonly costs: readonly number[];
}

export const individualSchema = z.object({ genome: genomeSchema, costs: z.array(jsonNumber) });

export function encodeIndividual<G>(individual: Individual<G>): { genome: G; costs: JsonNumber[] } {
  return { genome: individual.genome, costs: individual.costs.map(encodeNumber) };
}

export function decodeIndividual<G>(raw: z.infer<typeof individualSchema>): Individual<G> {
  return { genome: raw.genome as G, costs: raw.costs.map(decodeNumber) };
}

/** Parses a state with `schema`, or throws a message naming the searcher and the first problems. */
export function parseState<S extends z.ZodType>(who: string, schema: S, state: unknown): z.output<S> {
  const parsed = schema.safeParse(state);
  if (!parsed.success) {
    throw new Error(
      `${who}.restore: expected a state from ${who}.state(), got invalid state:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
