import { type Direction, PenguinError } from '@penguin-nas/core';
import { withCurrentNames } from '../rules/deprecated-names.js';
import { aimedRule, aimRefusal } from './aim.js';
import { completed } from './complete.js';
import {
  completeCalibration,
  DEFAULT_DIVERGENCE,
  DEFAULT_FIT,
  DEFAULT_MODEL,
  DEFAULT_RULE,
  defaultCalibration,
  defaultFullTraining,
  NO_FULL_TRAINING,
  type ResolvedCalibration,
  type ResolvedFit,
} from './defaults.js';
import type { RuleSpec } from './rule-schema.js';
import {
  type ModelSpec,
  type PredictorOptions,
  type PredictorOptionsInput,
  parsePredictorOptions,
} from './schema.js';

/**
 * Predictor options with every field present: what the plugin, the predictor, the extrapolator and the
 * calibration read, so none of them keeps a default of its own. `null` marks what the run decides (the metric,
 * direction and range from its objectives, the target from its maxEpochs); `auto` what the curve decides.
 */
export interface ResolvedPredictorOptions {
  /** The logged metric to predict; null: the run's first curve objective's metric, else `val_acc`. */
  readonly metric: string | null;
  /** null: the objective's direction, else `minimize` for names with loss/err…, `maximize` otherwise. */
  readonly direction: Direction | null;
  readonly model: ModelSpec;
  /** The epoch predicted; null: the engine's maxEpochs. */
  readonly target: number | null;
  /** Validation period in epochs, or `auto` (the gap between the first two points). */
  readonly E: number | 'auto';
  /** Plausible predictions in metric units; null: [0, 100] when maximising, [0, Infinity] when minimising. */
  readonly range: readonly [number, number] | null;
  /** The rule, with today's option names (see `withCurrentNames`). */
  readonly rule: RuleSpec;
  readonly fit: ResolvedFit;
  readonly calibration: ResolvedCalibration | false;
  readonly divergence: { readonly points: number } | false;
  readonly fullTraining: { readonly first: number; readonly every: number };
}

const resolved = new WeakSet<ResolvedPredictorOptions>();

/** Whether a value is the output of `resolvePredictorOptions` (which then returns it as it is). */
export function isResolvedPredictorOptions(value: unknown): value is ResolvedPredictorOptions {
  return typeof value === 'object' && value !== null && resolved.has(value as ResolvedPredictorOptions);
}

/** Freezes plain data (objects and arrays) deeply; a user's CurveModel object (it has functions) is left as is. */
function frozen<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (!Array.isArray(value) && Object.values(value).some((v) => typeof v === 'function')) return value;
  for (const field of Object.values(value)) frozen(field);
  return Object.freeze(value);
}

/**
 * The one place predictor options are settled: validates the input (a `preset` fills what it leaves out), accepts
 * old option names once more with a DeprecationWarning, and fills every default. The result is complete and
 * frozen; passing it again returns it unchanged, so a plugin built from it does not parse twice. Throws a
 * PenguinError (CONFIG_ERROR) naming each bad option's path under `where`.
 */
export function resolvePredictorOptions(
  input:
    | PredictorOptionsInput
    | Readonly<Record<string, unknown>>
    | ResolvedPredictorOptions
    | undefined = {},
  where = 'predictor',
): ResolvedPredictorOptions {
  if (isResolvedPredictorOptions(input)) return input;
  return completePredictorOptions(parsePredictorOptions(input, where));
}

/**
 * Options the schema already validated (`predictorOptionsSchema`'s output, as the CLI's registry parses a config)
 * made complete: old names renamed with a DeprecationWarning, every default filled, frozen.
 */
export function completePredictorOptions(options: PredictorOptions): ResolvedPredictorOptions {
  const written = withCurrentNames(options.rule ?? DEFAULT_RULE);
  const rule = options.aim === undefined ? written : aimedRule(written, options.aim);
  // The schema refuses this too; options built without it (a caller's own object) must not lose the aim silently.
  if (rule === undefined)
    throw new PenguinError('CONFIG_ERROR', `predictor.aim: ${aimRefusal(String(written.kind))}`);
  const calibration =
    options.calibration === undefined
      ? defaultCalibration(rule)
      : options.calibration && completeCalibration(options.calibration, rule);
  const divergence =
    options.divergence === undefined
      ? DEFAULT_DIVERGENCE
      : options.divergence && completed(DEFAULT_DIVERGENCE, options.divergence);
  const result: ResolvedPredictorOptions = frozen({
    metric: options.metric ?? null,
    direction: options.direction ?? null,
    model: options.model ?? DEFAULT_MODEL,
    target: options.target ?? null,
    E: options.E ?? 'auto',
    range: options.range ?? null,
    rule,
    fit: completed(DEFAULT_FIT, options.fit),
    calibration,
    divergence,
    fullTraining: completed(NO_FULL_TRAINING, options.fullTraining ?? defaultFullTraining(calibration, rule)),
  });
  resolved.add(result);
  return result;
}
