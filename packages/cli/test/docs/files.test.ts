import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configFiles } from '../../src/docs/files.js';
import { configJsonSchema } from '../../src/docs/json-schema.js';
import { configurationReference, propertiesTable, typeOf } from '../../src/docs/reference.js';
import { Registry } from '../../src/registry/registry.js';
import { testPackage } from '../helpers/test-packages.js';

/** Biome pads markdown tables; compare cell contents, not alignment. */
function normalizeTables(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map((cell) => (/^\s*-+\s*$/.test(cell) ? '---' : cell.trim()))
            .join('|')
        : line,
    )
    .join('\n');
}

describe('generated configuration files', () => {
  it('the committed docs/configuration.md and penguin.schema.json are up to date', async () => {
    const files = await configFiles();
    for (const [path, text] of Object.entries(files)) {
      const committed = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
      expect(
        normalizeTables(committed),
        `packages/cli/${path} is stale: run npm run docs:config -w @penguin-nas/cli`,
      ).toBe(normalizeTables(text));
    }
  }, 60_000);
});

describe('configurationReference', () => {
  const registry = new Registry().add(testPackage, 'test-package');

  it('documents every top-level key and each registered strategy with its options', () => {
    const md = configurationReference(registry);
    for (const key of [
      'space',
      'searcher',
      'trainer',
      'predictor',
      'plugins',
      'objectives',
      'maxEpochs',
      'budget',
      'concurrency',
      'seed',
      'out',
    ])
      expect(md).toContain(`| \`${key}\` |`);
    expect(md).toContain('#### `test-tabular`');
    expect(md).toContain('| `limit` | integer ≥ 1 |  |  |');
    expect(md).toContain('| `label` | string | `"rec"` |  |');
    expect(md).toContain('| `budget.trials` | integer ≥ 1 |');
  });

  it('renders types, unions and bounds', () => {
    expect(typeOf({ type: 'integer', minimum: 2, maximum: 9 })).toBe('integer ≥ 2 ≤ 9');
    expect(typeOf({ enum: ['a', 'b'] })).toBe('`"a"` | `"b"`');
    expect(typeOf({ type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'null' }] } })).toBe(
      '(string | null)[]',
    );
    expect(propertiesTable({ properties: {} })).toBe('_No options._');
  });
});

describe('configJsonSchema', () => {
  it('lists registered names and their options for completion', () => {
    const registry = new Registry().add(testPackage, 'test-package');
    const schema = configJsonSchema(registry) as {
      properties: Record<string, { anyOf: Record<string, unknown>[] }>;
    };
    const space = schema.properties.space?.anyOf ?? [];
    expect(space[0]).toEqual({ type: 'string', enum: ['dataset-space', 'test-tabular'] });
    expect(space[2]).toMatchObject({
      required: ['name', 'file'],
      properties: { name: { const: 'test-tabular' } },
    });
  });

  it('requires the same top-level keys as the zod schema and allows no others', () => {
    const registry = new Registry();
    const schema = configJsonSchema(registry) as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(['space', 'searcher', 'trainer', 'maxEpochs', 'budget']);
    expect(schema.additionalProperties).toBe(false);
  });
});
