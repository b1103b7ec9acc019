import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** What every rule kind stops on, in one line (the config reference's description of `rule`). */
export const RULE_SUMMARY =
  "A stop rule { kind, …options } (kind defaults to 'peng4nn'): peng4nn, confident, top-fraction, never, patience, " +
  'median, truncation, percentile and threshold (Optuna), asha and hyperband (Optuna/Ray), any and all ' +
  '(combinations); every rule also takes minEpochs, minFraction and patient. Options: the predictor README.';

/**
 * The JSON Schema of a rule for editors: `kind` is one of the kinds, and each kind's options follow
 * (`if kind is X then X's options`). Combinations list their rules as objects.
 */
export function ruleJsonSchema(byKind: Readonly<Record<string, z.ZodType>>): JsonSchema {
  const kinds = Object.keys(byKind);
  const branches = Object.entries(byKind).map(([kind, schema]) => {
    const options =
      kind === 'any' || kind === 'all'
        ? {
            type: 'object',
            properties: { kind: { const: kind }, rules: { type: 'array', items: { type: 'object' } } },
          }
        : (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
    delete options.$schema;
    const condition =
      kind === 'peng4nn'
        ? { anyOf: [{ not: { required: ['kind'] } }, { properties: { kind: { const: kind } } }] }
        : { properties: { kind: { const: kind } }, required: ['kind'] };
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, never awaited
    return { if: condition, then: options };
  });
  return {
    type: 'object',
    description: RULE_SUMMARY,
    properties: { kind: { enum: kinds } },
    allOf: branches,
  };
}
