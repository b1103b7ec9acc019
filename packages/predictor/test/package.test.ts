import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { penguinPackage } from '../src/penguin-package.js';

describe('penguinPackage', () => {
  const definition = penguinPackage.plugins?.[0];

  it('registers the predictor plugin with its options schema', () => {
    expect(definition?.name).toBe('predictor');
    const parsed = definition?.options.safeParse({ rule: { N: 1 } });
    expect(parsed?.success).toBe(false);
    const options = definition?.options.parse({ model: ['pow3', 'mmf'], rule: { kind: 'top-fraction' } });
    const plugin = definition?.create(options, { configDir: '.', seed: 0 });
    expect(plugin && typeof plugin === 'object' && plugin.name).toBe('predictor');
  });

  it('gives the CLI a JSON Schema for editor completion', () => {
    const schema = z.toJSONSchema(definition?.options as z.ZodType, { io: 'input', unrepresentable: 'any' });
    expect(JSON.stringify(schema)).toContain('calibration');
  });
});
