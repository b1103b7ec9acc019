import { PenguinError } from '@penguin-nas/core';
import { z } from 'zod';
import { aimedRule, aimRefusal } from './aim.js';
import { deprecated, intAtLeast, numberAbove, numberIn, oneOf, rangeSchema, shown } from './fields.js';
import { type RuleSpec, ruleSchema } from './rule-schema.js';

/** A user's own curve family for JSON/YAML configs: a formula in `x` compiled by mathjs (never `eval`). */
export const formulaSpecSchema = z.strictObject({
  name: z.string().min(1).optional(),
  /** Units the starts and bounds are written for: 1 (fractions, default) or 100 (percent). */
  scale: z.number().positive().optional(),
  formula: z
    .string({ error: (i) => `expected a formula string such as 'a - b^(c - x)', got ${shown(i.input)}` })
    .min(1),
  params: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        initial: z.number({ error: (i) => `expected a start value (number), got ${shown(i.input)}` }),
        lower: z.number().optional(),
        upper: z.number().optional(),
      }),
      { error: (i) => `expected a list of { name, initial, lower?, upper? }, got ${shown(i.input)}` },
    )
    .min(1, { error: () => 'expected at least one parameter, got none' }),
});

/** A CurveModel object (from a penguin.config.ts): checked for its shape, used as is. */
export const curveModelObjectSchema = z.custom<CurveModelLike>(
  (v) =>
    v !== null &&
    typeof v === 'object' &&
    typeof (v as CurveModelLike).name === 'string' &&
    typeof (v as CurveModelLike).fn === 'function' &&
    Array.isArray((v as CurveModelLike).params),
  {
    error: (i) =>
      `expected a CurveModel object { name, params, fn, initial, lower, upper }, got ${shown(i.input)}`,
  },
);

/** The shape of a curve model as far as the options schema can check it (functions are not JSON). */
export interface CurveModelLike {
  readonly name: string;
  readonly params: readonly string[];
  fn(p: readonly number[]): (x: number) => number;
}

const familyName = z
  .string({
    error: (i) => `expected a family name, a list, a formula spec or a CurveModel, got ${shown(i.input)}`,
  })
  .min(1);
const singleModel = z.union([familyName, formulaSpecSchema, curveModelObjectSchema], {
  error: (i) =>
    `expected a family name, a formula spec { formula, params } or a CurveModel object, got ${shown(i.input)}`,
});

export const modelSpecSchema = z.union([
  singleModel,
  z.array(singleModel).min(1, { error: () => 'expected at least one model, got an empty list' }),
]);
export type ModelSpec = z.output<typeof modelSpecSchema>;
export type FormulaSpec = z.output<typeof formulaSpecSchema>;

export const calibrationSchema = z.union(
  [
    z.literal(false),
    z.strictObject({
      /** Fully trained trials needed before the calibration is used (default 10). */
      minSamples: intAtLeast(2).optional(),
      /** Deprecated: `minSamples`; accepted once more with a deprecation warning. */
      warmup: deprecated(intAtLeast(2), 'minSamples'),
      /** Ridge penalty on standardised features, in the local fits and the linear regression alike. */
      ridge: numberAbove(0, true).optional(),
      /** Points averaged for the "last value" feature. */
      smoothing: intAtLeast(1).optional(),
      /** Samples kept of each kind: the most recent trained trials, and apart the most recent stopped ones. */
      maxSamples: intAtLeast(2).optional(),
      /** `local` (kernel-weighted around the trial) or `linear` (one regression per epoch). */
      method: oneOf(['local', 'linear']).optional(),
      /** Neighbours the local kernel reaches at least. */
      neighbours: intAtLeast(2).optional(),
      /**
       * The per-epoch fits are rebuilt at every learned trial below 1 / refresh samples; beyond, once the trained
       * trials learned since the last rebuild reach this fraction of the trained samples (0: at every learned trial).
       */
      refresh: numberIn(0, 1, false, true).optional(),
      /** `all` fully trained trials, or only `protected` ones (fullTraining: an unbiased sample). */
      learnFrom: oneOf(['all', 'protected']).optional(),
      /** Stopped trials teach the epochs before their stop, with the value they reported as their final. */
      fromStopped: z.boolean().optional(),
      /**
       * A metric logged on the training data (e.g. `train_acc`, `loss`): its smoothed value becomes a third feature
       * of the calibration, beside the validation metric's last value and the raw extrapolation (false: none).
       */
      trainingMetric: z.union([z.string().min(1), z.literal(false)]).optional(),
      /**
       * The fits use the training metric only once it has predicted the finals of at least this many trials trained
       * to the end better than the fits without it (each checked before it is learned); false: whenever it is logged.
       */
      trainingMetricCheck: z.union([intAtLeast(1), z.literal(false)]).optional(),
    }),
  ],
  {
    error: (i) =>
      `expected false or { minSamples?, ridge?, smoothing?, maxSamples?, method?, neighbours?, refresh?, learnFrom?, fromStopped?, trainingMetric?, trainingMetricCheck? }, got ${shown(i.input)}`,
  },
);

const baseSchema = z.strictObject(
  {
    /** Named preset whose values fill what the options leave out (`reference`: the PENGUIN reference code). */
    preset: oneOf(['reference']).optional(),
    /** The logged metric to predict (default: the first curve objective's metric, else `val_acc`). */
    metric: z
      .string({ error: (i) => `expected a metric name, got ${shown(i.input)}` })
      .min(1)
      .optional(),
    /** Default: the objective's direction, else `minimize` for names with loss/err, `maximize` otherwise. */
    direction: oneOf(['maximize', 'minimize']).optional(),
    /** Curve family, list of families (an ensemble weighted by fit quality), formula spec or CurveModel. */
    model: modelSpecSchema.optional(),
    /** The epoch predicted (e_pred); default: the engine's maxEpochs. */
    target: numberAbove(0, false).optional(),
    /** Validation period in epochs (x = epoch / E), or `auto` (the gap between the first two points). */
    E: z
      .union([z.literal('auto'), z.number()], {
        error: (i) => `expected a number > 0 or 'auto', got ${shown(i.input)}`,
      })
      .refine((v) => v === 'auto' || v > 0, {
        error: (i) => `expected a number > 0 or 'auto', got ${shown(i.input)}`,
      })
      .optional(),
    /** Plausible predictions in metric units (default [0, 100] when maximising, [0, Infinity] when minimising). */
    range: rangeSchema.optional(),
    rule: ruleSchema.optional(),
    /**
     * What the top-fraction rules aim at, written into the rule (the default one where `rule` is left out):
     * `fraction` (the top share a trial must be likely to reach; 0 = the best so far) and `delta` (the probability
     * below which it is stopped).
     */
    aim: z
      .strictObject(
        {
          fraction: numberIn(0, 1, false, true).optional(),
          delta: numberIn(0, 1, true, true).optional(),
        },
        { error: (i) => `expected { fraction?, delta? }, got ${shown(i.input)}` },
      )
      .refine((aim) => aim.fraction !== undefined || aim.delta !== undefined, {
        error: () => 'expected fraction, delta or both, got neither',
      })
      .meta({
        description:
          "{ fraction?, delta? } written into every top-fraction rule of the rule (the default rule's where `rule` is left out): the top share a trial must be likely to reach (0.1 in the default; 0 = the best so far) and the probability below which it stops",
      })
      .optional(),
    fit: z
      .strictObject({
        maxIterations: intAtLeast(1).optional(),
        starts: intAtLeast(1).optional(),
        seed: z.number().int().optional(),
        weighting: oneOf(['bic', 'aic', 'holdout', 'equal']).optional(),
        /**
         * Warm starts (default true): a single family is refitted from the trial's previous parameters (one
         * start) at most fits, with the full multi-start on every `refitEvery`-th fit of a trial.
         */
        warm: z.boolean({ error: (i) => `expected true or false, got ${shown(i.input)}` }).optional(),
        refitEvery: intAtLeast(1).optional(),
        /**
         * After its first 10 points a curve is fitted anew once it has grown by this fraction of the length
         * its last fit saw (default 0.1; 0: at every point); in between, the last fit's extrapolation stands.
         */
        refitGrowth: numberAbove(0, true).optional(),
        /** Units of the metric: 1 (fractions) or 100 (percent); default: detected from the curve. */
        dataScale: z
          .union([z.literal(1), z.literal(100)], { error: (i) => `expected 1 or 100, got ${shown(i.input)}` })
          .optional(),
      })
      .optional(),
    calibration: calibrationSchema.optional(),
    /** Stop a trial whose metric was missing/NaN/infinite for the last `points` points (default { points: 3 }). */
    divergence: z
      .union([z.literal(false), z.strictObject({ points: intAtLeast(1).optional() })], {
        error: (i) => `expected false or { points }, got ${shown(i.input)}`,
      })
      .optional(),
    /**
     * Trials trained to the target whatever the rule says (the `first` n, then every `every`-th), so the calibration
     * has data; the rule still judges them, and what it would have stopped is the audit (`penguin report`).
     */
    fullTraining: z
      .strictObject({ first: intAtLeast(0).optional(), every: intAtLeast(0).optional() })
      .optional(),
  },
  { error: (i) => `expected an options object, got ${shown(i.input)}` },
);

/** The PENGUIN reference code's settings (test vectors reproduce with these). */
export const REFERENCE_PRESET = {
  model: 'peng4nn',
  rule: {
    kind: 'peng4nn',
    N: 3,
    t: 0.5,
    cMin: 3,
    minPoints: 2,
    aCap: 200,
    onFailedFit: 'skip',
    onOutOfRange: 'reset',
  },
  fit: { starts: 1, dataScale: 100, warm: false },
  calibration: false,
} as const;

/**
 * Predictor options: validated eagerly; messages name the path (`predictor.rule.N: expected an integer >= 2, got 1`).
 * A `preset` fills the options left out with its values.
 */
export const predictorOptionsSchema = baseSchema
  .transform((options) => (options.preset === 'reference' ? { ...REFERENCE_PRESET, ...options } : options))
  .superRefine((options, ctx) => {
    // The default rule holds a top-fraction rule; a rule of one's own must hold one for `aim` to mean anything.
    if (options.aim === undefined || options.rule === undefined) return;
    if (aimedRule(options.rule as RuleSpec, options.aim) === undefined) {
      const source = options.preset === 'reference' ? "the 'reference' preset's rule, kind" : undefined;
      ctx.addIssue({ code: 'custom', path: ['aim'], message: aimRefusal(String(options.rule.kind), source) });
    }
  });

export type PredictorOptionsInput = z.input<typeof baseSchema>;
export type PredictorOptions = z.output<typeof baseSchema>;

/** One line per problem, each `where.path: message`. */
export function formatIssues(error: z.ZodError, where: string): string {
  return error.issues
    .map((issue) => {
      const path = [where, ...issue.path.map(String)].join('.');
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown option(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`
          : issue.message;
      return `${path}: ${message}`;
    })
    .join('\n');
}

/** Parses predictor options or throws a PenguinError (CONFIG_ERROR) listing every problem with its path. */
export function parsePredictorOptions(input: unknown, where = 'predictor'): PredictorOptions {
  const result = predictorOptionsSchema.safeParse(input ?? {});
  if (!result.success) throw new PenguinError('CONFIG_ERROR', formatIssues(result.error, where));
  return result.data;
}
