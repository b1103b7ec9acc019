/**
 * Field types of each journal event, checked when a run directory is read: a run directory may come from
 * someone else, and a tampered `events.jsonl` (a `seed` that is an HTML string, an epoch that is an object) must
 * be refused before any view or fold uses it. Event types this version does not know pass with their base fields
 * checked, so a newer writer's events do not break an older reader (folds ignore them).
 */
import { isStopChance } from '../engine/validate.js';

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number';
const isBoolean: Check = (v) => typeof v === 'boolean';
const isRecord: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isArray: Check = (v) => Array.isArray(v);
const isId: Check = (v) => typeof v === 'string' && /^[\w.:-]{1,200}$/.test(v);
const isNumberRecord: Check = (v) => isRecord(v) && Object.values(v as object).every(isNumber);
const isMetrics: Check = (v) =>
  isRecord(v) &&
  isNumber((v as { epoch?: unknown }).epoch) &&
  Object.values(v as object).every((x) => x === null || isNumber(x));
const isObjectives: Check = (v) =>
  isRecord(v) &&
  Object.values(v as object).every((o) => isRecord(o) && isNumber((o as { value?: unknown }).value));
const isStatus: Check = (v) => v === 'completed' || v === 'stopped' || v === 'failed';
const isCost: Check = (v) =>
  isRecord(v) &&
  isNumber((v as { epochs?: unknown }).epochs) &&
  isNumber((v as { seconds?: unknown }).seconds);
const isPrediction: Check = (v) =>
  isRecord(v) &&
  isString((v as { metric?: unknown }).metric) &&
  isString((v as { by?: unknown }).by) &&
  ((v as { value?: unknown }).value === null || isNumber((v as { value?: unknown }).value));
const isDecision: Check = (v) =>
  isRecord(v) &&
  isString((v as { reason?: unknown }).reason) &&
  isString((v as { by?: unknown }).by) &&
  ((v as { chance?: unknown }).chance === undefined || isStopChance((v as { chance?: unknown }).chance));

/** Required fields, then optional ones (checked only when present), by event type. */
const FIELDS: Record<string, [required: Record<string, Check>, optional?: Record<string, Check>]> = {
  'run-started': [
    { runId: isId, seed: isNumber, resumed: isBoolean, maxEpochs: isNumber, objectives: isArray },
    { info: isRecord },
  ],
  'trial-started': [
    { trialId: isId, index: Number.isInteger, genome: isRecord, seed: isNumber, maxEpochs: isNumber },
    {
      repairedFrom: isRecord,
      repairReason: isString,
      staticObjectives: isNumberRecord,
      attempt: Number.isInteger,
    },
  ],
  epoch: [{ trialId: isId, logs: isMetrics }],
  prediction: [{ trialId: isId, prediction: isPrediction }],
  decision: [{ trialId: isId, decision: isDecision }],
  fitness: [{ trialId: isId, fitness: isObjectives }],
  'trial-ended': [
    { trialId: isId, status: isStatus, cost: isCost },
    { error: isString, info: isRecord },
  ],
  error: [
    { code: isString, message: isString },
    { trialId: isId, plugin: isString, hook: isString },
  ],
  'trial-told': [{ trialId: isId }],
  plugin: [{ plugin: isString, event: isRecord }],
  executor: [{ executor: isString, event: isRecord }, { trialId: isId }],
  'run-ended': [{ reason: isString, trials: isNumber, epochs: isNumber, seconds: isNumber }],
};

/** The first field of `value` with the wrong type, as `field: expected …, got …`; undefined when all are right. */
export function eventFieldError(value: unknown): string | undefined {
  if (!isRecord(value)) return `expected an event object, got ${describe(value)}`;
  const event = value as Record<string, unknown>;
  if (!isString(event.type)) return `type: expected a string, got ${describe(event.type)}`;
  if (!isNumber(event.t)) return `t: expected a number of milliseconds, got ${describe(event.t)}`;
  const fields = FIELDS[event.type as string];
  if (!fields) return undefined;
  const [required, optional = {}] = fields;
  for (const [name, check] of Object.entries(required)) {
    if (!check(event[name])) return `${name}: expected ${expectation(check)}, got ${describe(event[name])}`;
  }
  for (const [name, check] of Object.entries(optional)) {
    if (event[name] !== undefined && !check(event[name]))
      return `${name}: expected ${expectation(check)}, got ${describe(event[name])}`;
  }
  return undefined;
}

const EXPECTATIONS = new Map<Check, string>([
  [isString, 'a string'],
  [isNumber, 'a number'],
  [isBoolean, 'true or false'],
  [isRecord, 'an object'],
  [isArray, 'an array'],
  [isId, 'an id (letters, digits, _ . : -)'],
  [Number.isInteger as Check, 'an integer'],
  [isNumberRecord, 'an object of numbers'],
  [isMetrics, 'an object of numbers (or null) with a numeric epoch'],
  [isObjectives, 'an object of { value: number } objectives'],
  [isStatus, '"completed", "stopped" or "failed"'],
  [isCost, '{ epochs: number, seconds: number }'],
  [isPrediction, '{ metric: string, by: string, value: number or null }'],
  [
    isDecision,
    '{ reason: string, by: string, chance?: { probability: a number in [0, 1], threshold: a number } }',
  ],
]);

function expectation(check: Check): string {
  return EXPECTATIONS.get(check) ?? 'another type';
}

/** A short, safe rendering of a received value (never the whole of a long or hostile string). */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
