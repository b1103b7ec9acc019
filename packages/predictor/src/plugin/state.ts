import { z } from 'zod';
import type { CalibrationState } from '../calibration/types.js';
import type { FinishedTrialInfo } from '../rules/types.js';
import type { AuditRecord } from './audit.js';

/** What `state()` returns: plain JSON, journalled by the engine after each trial. */
export interface PredictorState {
  readonly version: 1;
  readonly finished: readonly FinishedTrialInfo[];
  readonly calibration?: CalibrationState;
  /** The audited trials that finished (absent when none did). */
  readonly audits?: readonly AuditRecord[];
}

const point = z.object({ epoch: z.number(), value: z.number() });
const calibrationSample = z.object({
  id: z.string(),
  final: z.number(),
  epochs: z.array(z.number()),
  last: z.array(z.number()),
  raw: z.array(z.number().nullable()),
  train: z.array(z.number().nullable()).optional(),
  until: z.number().optional(),
});
const stateSchema = z.object({
  version: z.literal(1),
  finished: z.array(
    z.object({
      id: z.string(),
      final: z.number(),
      complete: z.boolean(),
      points: z.array(point),
      protected: z.boolean().optional(),
    }),
  ),
  calibration: z
    .object({
      samples: z.array(calibrationSample),
      pending: z.array(calibrationSample).optional(),
      trainingCheck: z
        .object({
          trials: z.number().int().min(0),
          withMetric: z.number().min(0),
          withoutMetric: z.number().min(0),
        })
        .optional(),
    })
    .optional(),
  audits: z
    .array(
      z.object({
        id: z.string(),
        final: z.number(),
        stop: z
          .object({ epoch: z.number(), reason: z.string(), prediction: z.number().optional() })
          .optional(),
      }),
    )
    .optional(),
});

/** Checks a saved state before restoring it; the error says what was wrong and where. */
export function parseState(state: unknown): PredictorState {
  const result = stateSchema.safeParse(state);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? ['state', ...first.path.map(String)].join('.') : 'state';
    throw new TypeError(`predictor: cannot restore ${where}: ${first?.message ?? 'invalid state'}`);
  }
  return result.data as PredictorState;
}
