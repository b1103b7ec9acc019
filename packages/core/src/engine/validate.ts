import { PenguinError } from '../errors.js';
import type { EpochLogs, Prediction, StopChance, TerminateDecision } from '../types.js';

/**
 * Checks one validation point from a trainer: a positive finite epoch after the previous one, metric values
 * numbers or null (non-finite numbers become null). Returns the frozen logs or a message saying what is wrong.
 */
export function sanitizeLogs(raw: unknown, previousEpoch: number | undefined): EpochLogs | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return `expected epoch logs { epoch, <metric>: number }, got ${JSON.stringify(raw)}`;
  }
  const logs = raw as Record<string, unknown>;
  const epoch = logs.epoch;
  if (typeof epoch !== 'number' || !Number.isFinite(epoch) || epoch <= 0) {
    return `expected logs.epoch to be a positive finite number, got ${JSON.stringify(epoch)}`;
  }
  if (previousEpoch !== undefined && epoch <= previousEpoch) {
    return `expected epochs to increase, got ${epoch} after ${previousEpoch}`;
  }
  const out: Record<string, number | null> = { epoch };
  for (const [key, value] of Object.entries(logs)) {
    if (key === 'epoch') continue;
    if (value === null || value === undefined) out[key] = null;
    else if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : null;
    else return `expected logs.${key} to be a number or null, got ${JSON.stringify(value)}`;
  }
  return Object.freeze(out) as EpochLogs;
}

/** A stop's chance: `{ probability: a number in [0, 1], threshold: a finite number }` (decisions and the journal alike). */
export function isStopChance(value: unknown): value is StopChance {
  if (typeof value !== 'object' || value === null) return false;
  const { probability, threshold } = value as Partial<StopChance>;
  return (
    typeof probability === 'number' &&
    probability >= 0 &&
    probability <= 1 &&
    typeof threshold === 'number' &&
    Number.isFinite(threshold)
  );
}

/** A `shouldTerminate` result must be `{ reason: string, by: string, prediction?: number, chance?: StopChance }`. */
export function checkDecision(decision: unknown): TerminateDecision {
  const d = decision as Partial<TerminateDecision> | null;
  if (typeof d !== 'object' || d === null || typeof d.reason !== 'string' || typeof d.by !== 'string') {
    throw new PenguinError(
      'PLUGIN_ERROR',
      `shouldTerminate: expected { reason: string, by: string } or undefined, got ${JSON.stringify(decision)}`,
    );
  }
  if (d.prediction !== undefined && (typeof d.prediction !== 'number' || !Number.isFinite(d.prediction))) {
    throw new PenguinError(
      'PLUGIN_ERROR',
      `shouldTerminate: expected decision.prediction to be a finite number, got ${JSON.stringify(d.prediction)}`,
    );
  }
  const chance: unknown = d.chance;
  if (chance !== undefined && !isStopChance(chance)) {
    throw new PenguinError(
      'PLUGIN_ERROR',
      `shouldTerminate: expected decision.chance to be { probability: a number in [0, 1], threshold: a finite number }, got ${JSON.stringify(d.chance)}`,
    );
  }
  return Object.freeze({
    ...d,
    ...(chance === undefined ? {} : { chance: Object.freeze({ ...chance }) }),
  }) as TerminateDecision;
}

/** A recorded prediction must name its metric and maker; its value is a finite number or null. */
export function checkPrediction(prediction: unknown): Prediction {
  const p = prediction as Partial<Prediction> | null;
  if (typeof p !== 'object' || p === null || typeof p.metric !== 'string' || typeof p.by !== 'string') {
    throw new PenguinError(
      'PLUGIN_ERROR',
      `recordPrediction: expected { metric, by, epoch, target, value }, got ${JSON.stringify(prediction)}`,
    );
  }
  if (typeof p.epoch !== 'number' || typeof p.target !== 'number') {
    throw new PenguinError(
      'PLUGIN_ERROR',
      `recordPrediction: expected numeric epoch and target, got ${JSON.stringify({ epoch: p.epoch, target: p.target })}`,
    );
  }
  const value = typeof p.value === 'number' && Number.isFinite(p.value) ? p.value : null;
  return Object.freeze({ ...p, value }) as Prediction;
}
