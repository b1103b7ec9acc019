import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWire, QUEUE_PROTOCOL, trialPayloadSchema, wireJsonSchemas } from '../src/wire.js';

const payload = {
  protocol: QUEUE_PROTOCOL,
  kind: 'trial',
  namespace: 'penguin:r-1',
  runId: 'run-1',
  trialId: 't0',
  attempt: 1,
  genome: { op: 'conv' },
  seed: 7,
  maxEpochs: 10,
  trainer: { config: {} },
  decisionTimeoutMs: 1000,
};

describe('wire format', () => {
  it('accepts a trial job as JSON text or value and says what is wrong with garbage', () => {
    expect(parseWire(trialPayloadSchema, JSON.stringify(payload))).toEqual({ ok: true, value: payload });
    expect(parseWire(trialPayloadSchema, '{nope')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not JSON'),
    });
    expect(parseWire(trialPayloadSchema, { ...payload, protocol: 2 })).toEqual({
      ok: false,
      error: `protocol 2, expected ${QUEUE_PROTOCOL}`,
    });
    const bad = parseWire(trialPayloadSchema, { ...payload, attempt: 0 });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error).toContain('attempt');
  });

  it('publishes a JSON Schema for every message', () => {
    const schemas = wireJsonSchemas();
    expect(Object.keys(schemas)).toEqual(['trial', 'epoch', 'result', 'decision', 'stop']);
    expect(JSON.stringify(schemas.trial)).toContain('decisionTimeoutMs');
  });
});

describe('docs/distributed-wire.schema.json', () => {
  it('is up to date with the zod schemas (npm run docs:wire -w @penguin-nas/queue)', () => {
    const committed = readFileSync(
      new URL('../../../docs/distributed-wire.schema.json', import.meta.url),
      'utf8',
    );
    expect(JSON.parse(committed)).toEqual(wireJsonSchemas());
  });
});
