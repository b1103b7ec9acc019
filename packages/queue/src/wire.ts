/**
 * The wire format between the coordinator and its agents: plain, versioned JSON, validated with zod on both sides
 * and published as JSON Schema (`wireJsonSchemas`), so an agent written in another language can serve the queue.
 * Every message is tagged with (run, trial, attempt, delivery, epoch): delivery is at-least-once, the tags make
 * it exactly-once in effect.
 */
import { z } from 'zod';

/** Bumped on any incompatible change; an agent refuses jobs of another version. */
export const QUEUE_PROTOCOL = 1 as const;

const protocol = z.literal(QUEUE_PROTOCOL);
const id = z.string().min(1).max(200);
const count = z.int().min(1);
const metricValue = z.number().nullable();

/** What an agent needs to build the trainer without the coordinator: opaque to the queue, read by the agent's builder. */
export const trainerSpecSchema = z.looseObject({}).describe('Trainer description, read by the agent builder');

/** A BullMQ job's data: one trial to train. */
export const trialPayloadSchema = z.strictObject({
  protocol,
  kind: z.literal('trial'),
  /** Redis key prefix of the run: every other key of the trial lives under it. */
  namespace: id,
  runId: id,
  trialId: id,
  /** The coordinator's launch of the trial: 1, then one more per relaunch (resume). */
  attempt: count,
  genome: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  seed: z.int(),
  maxEpochs: z.number().positive(),
  trainer: trainerSpecSchema,
  /** How long the agent waits for continue/stop after each validation point before it continues (fail-open). */
  decisionTimeoutMs: z.int().min(1),
});

const tags = {
  protocol,
  runId: id,
  trialId: id,
  attempt: count,
  /** BullMQ's delivery of this attempt: 1, then one more each time a stalled job is handed to another agent. */
  delivery: count,
  /** Which agent sent it (`host:pid/slot`). */
  agent: z.string().max(300),
};

/** Up: one validation point. */
export const epochMessageSchema = z.strictObject({
  ...tags,
  kind: z.literal('epoch'),
  epoch: z.number().positive(),
  logs: z.record(z.string(), metricValue),
});

const trainResultSchema = z.strictObject({
  epochs: z.number().min(0),
  staticObjectives: z.record(z.string(), z.number()).optional(),
  info: z.record(z.string(), z.unknown()).optional(),
});

/** Up: the end of one delivery, trained to completion or stopped when told. */
export const resultMessageSchema = z.union([
  z.strictObject({ ...tags, kind: z.literal('result'), ok: z.literal(true), result: trainResultSchema }),
  z.strictObject({ ...tags, kind: z.literal('result'), ok: z.literal(false), error: z.string() }),
]);

export const upMessageSchema = z.union([epochMessageSchema, resultMessageSchema]);

/** Down: the answer to one validation point, pushed onto the list the agent waits on. */
export const decisionSchema = z.strictObject({
  protocol,
  kind: z.literal('decision'),
  trialId: id,
  attempt: count,
  delivery: count,
  epoch: z.number().positive(),
  answer: z.enum(['continue', 'stop']),
});

/** Down, broadcast: stop every delivery of this trial up to `attempt` (run cancelled, budget spent, trial over). */
export const stopMessageSchema = z.strictObject({
  protocol,
  kind: z.literal('stop'),
  namespace: id,
  trialId: id,
  attempt: count,
  reason: z.string(),
});

export type TrialPayload = z.infer<typeof trialPayloadSchema>;
export type EpochMessage = z.infer<typeof epochMessageSchema>;
export type ResultMessage = z.infer<typeof resultMessageSchema>;
export type UpMessage = z.infer<typeof upMessageSchema>;
export type Decision = z.infer<typeof decisionSchema>;
export type StopMessage = z.infer<typeof stopMessageSchema>;

/** Parses one message, or says in one line what is wrong with it. */
export function parseWire<T>(
  schema: z.ZodType<T>,
  raw: unknown,
): { ok: true; value: T } | { ok: false; error: string } {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return { ok: false, error: `not JSON (${(error as Error).message})` };
    }
  }
  const version = (value as { protocol?: unknown } | null)?.protocol;
  if (typeof value === 'object' && value !== null && version !== undefined && version !== QUEUE_PROTOCOL) {
    return { ok: false, error: `protocol ${JSON.stringify(version)}, expected ${QUEUE_PROTOCOL}` };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: z.prettifyError(result.error).replaceAll('\n', '; ') };
}

/** The JSON Schema of every message, for docs and agents in other languages. */
export function wireJsonSchemas(): Record<string, unknown> {
  return {
    trial: z.toJSONSchema(trialPayloadSchema),
    epoch: z.toJSONSchema(epochMessageSchema),
    result: z.toJSONSchema(resultMessageSchema),
    decision: z.toJSONSchema(decisionSchema),
    stop: z.toJSONSchema(stopMessageSchema),
  };
}
