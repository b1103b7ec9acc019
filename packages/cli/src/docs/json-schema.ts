import { z } from 'zod';
import { jsonConfigSchema } from '../config/schema.js';
import type { Registry, StrategyKind } from '../registry/registry.js';

export type JsonSchema = Record<string, unknown>;

/**
 * The schema that describes what a user writes: through `z.preprocess(...)` and `custom.pipe(schema)` wrappers
 * (their input side says nothing) to the schema that checks the options.
 */
function describedSide(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as unknown as { type: string; in?: z.ZodType; out?: z.ZodType };
  if (def.type !== 'pipe' || !def.in || !def.out) return schema;
  const inType = (def.in._zod.def as unknown as { type: string }).type;
  return describedSide(inType === 'transform' || inType === 'custom' ? def.out : def.in);
}

/** JSON Schema of one definition's options (input side: defaults are optional). */
export function optionsJsonSchema(options: z.ZodType): JsonSchema {
  const schema = z.toJSONSchema(describedSide(options), {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  delete schema.$schema;
  return schema;
}

/** `'name'` or `{ name: 'name', …options }` for every registered strategy of a kind. */
function strategyJsonSchema(registry: Registry, kind: StrategyKind, description: string): JsonSchema {
  const entries = registry.list(kind);
  if (entries.length === 0) return { description, anyOf: [{ type: 'string' }, { type: 'object' }] };
  return {
    description,
    anyOf: [
      { type: 'string', enum: entries.map((e) => e.definition.name) },
      ...entries.map(({ definition }) => {
        const options = optionsJsonSchema(definition.options);
        const properties = (options.properties as Record<string, unknown> | undefined) ?? {};
        const required = (options.required as string[] | undefined) ?? [];
        return {
          ...options,
          type: 'object',
          description: definition.description,
          properties: { name: { const: definition.name }, ...properties },
          required: ['name', ...required],
        };
      }),
    ],
  };
}

/**
 * The JSON Schema of a `penguin.config.json` / `.penguinrc`, for editor completion: the config schema, with the
 * registered strategies' names and options filled in for space, searcher, trainer, predictor and plugins.
 */
export function configJsonSchema(registry: Registry): JsonSchema {
  const schema = z.toJSONSchema(jsonConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = schema.properties as Record<string, JsonSchema>;
  for (const kind of ['space', 'searcher', 'trainer'] as const) {
    properties[kind] = strategyJsonSchema(registry, kind, String(properties[kind]?.description ?? kind));
  }
  const predictor = registry.get('plugin', 'predictor');
  if (predictor && properties.predictor) {
    properties.predictor = {
      description: properties.predictor.description,
      anyOf: [{ type: 'boolean' }, optionsJsonSchema(predictor.definition.options)],
    };
  }
  if (properties.plugins) {
    properties.plugins = {
      ...properties.plugins,
      items: {
        anyOf: [strategyJsonSchema(registry, 'plugin', 'A plugin'), { const: false }, { type: 'null' }],
      },
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Penguin configuration',
    ...schema,
  };
}
