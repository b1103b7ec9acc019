import { z } from 'zod';
import { deprecated, intAtLeast, numberAbove, numberIn, oneOf, rangeSchema, shown } from './fields.js';
import { ruleJsonSchema } from './rule-json-schema.js';

/** Wrappers every rule accepts: no stop before an epoch or a fraction of the target, Optuna-style patience. */
const wrappers = {
  /** No stop before this epoch. */
  minEpochs: numberAbove(0, true).optional(),
  /** No stop before this fraction of the target epochs. */
  minFraction: numberIn(0, 1, false, false).optional(),
  /** Stop only when the trial's best value has not improved for this many points. */
  patient: z.strictObject({ patience: intAtLeast(0), minDelta: numberAbove(0, true).optional() }).optional(),
};

const window = {
  N: intAtLeast(2).optional(),
  t: numberAbove(0, true).optional(),
  range: rangeSchema.optional(),
};

export const peng4nnRuleSchema = z.strictObject({
  kind: z.literal('peng4nn'),
  ...window,
  /** The paper's C_min: points needed before a stop is allowed. */
  cMin: intAtLeast(1).optional(),
  /** Points needed before the first fit (default `cMin`; the reference code fitted from 2). */
  minPoints: intAtLeast(1).optional(),
  /** Deprecated: `minPoints`; accepted once more with a deprecation warning. */
  firstFitPoints: deprecated(intAtLeast(1), 'minPoints'),
  aCap: z
    .union([z.number(), z.null()], { error: (i) => `expected a number or null, got ${shown(i.input)}` })
    .optional(),
  onFailedFit: oneOf(['skip', 'reset']).optional(),
  onOutOfRange: oneOf(['skip', 'reset']).optional(),
  ...wrappers,
});

export const confidentRuleSchema = z.strictObject({
  kind: z.literal('confident'),
  ...window,
  /** Points needed before the first fit, and so before any stop (the peng4nn window's `cMin`; default 3). */
  minPoints: intAtLeast(1).optional(),
  /** Deprecated: `minPoints`; accepted once more with a deprecation warning. */
  fitFrom: deprecated(intAtLeast(1), 'minPoints'),
  /** Deprecated: `minPoints`; accepted once more with a deprecation warning. */
  cMin: deprecated(intAtLeast(1), 'minPoints'),
  maxSpread: numberAbove(0, false).optional(),
  ...wrappers,
});

export const topFractionRuleSchema = z.strictObject({
  kind: z.literal('top-fraction'),
  fraction: numberIn(0, 1, false, true).optional(),
  delta: numberIn(0, 1, true, true).optional(),
  minTrials: intAtLeast(1).optional(),
  minSpread: numberAbove(0, true).optional(),
  /** Points needed before the first fit (default 3). */
  minPoints: intAtLeast(1).optional(),
  /** Deprecated: `minPoints`; accepted once more with a deprecation warning. */
  fitFrom: deprecated(intAtLeast(1), 'minPoints'),
  ...wrappers,
});

export const keepRuleSchema = z.strictObject({
  kind: z.literal('keep'),
  /** The share of the top trials to keep (default 0.9). */
  keep: numberIn(0, 1, true, false).optional(),
  /** The top trials the promise is about, as a fraction of all trials (default 0.1). */
  top: numberIn(0, 1, true, true).optional(),
  /** Reference trials (fully trained on purpose) needed before the rule judges (default 10). */
  minTrials: intAtLeast(1).optional(),
  /** Reference trials the level is set from, at least (default ⌈1 / (1 − keep)⌉ − 1: 9 for keep 0.9). */
  minTop: intAtLeast(1).optional(),
  /** Points averaged for a trial's standing (default 3). */
  smoothing: intAtLeast(1).optional(),
  ...wrappers,
});

export const neverRuleSchema = z.strictObject({ kind: z.literal('never'), ...wrappers });

export const truncationRuleSchema = z.strictObject({
  kind: z.literal('truncation'),
  fraction: numberIn(0, 1, true, false),
  ...wrappers,
});

export const patienceRuleSchema = z.strictObject({
  kind: z.literal('patience'),
  patience: intAtLeast(1),
  minDelta: numberAbove(0, true).optional(),
  ...wrappers,
});

export const medianRuleSchema = z.strictObject({
  kind: z.literal('median'),
  minTrials: intAtLeast(1).optional(),
  /** Stop only when the best value trails the median by more than `margin` × the trial's step noise (default 0). */
  margin: numberAbove(0, true).optional(),
  /** Deprecated: `minEpochs` (the option every rule takes); accepted once more with a deprecation warning. */
  minEpoch: deprecated(numberAbove(0, true), 'minEpochs'),
  ...wrappers,
});

const ashaOptions = {
  /** Minimum resource r (epochs) or 'auto' (max(1, ⌈target / 100⌉)). */
  minResource: z
    .union([z.literal('auto'), z.number()], {
      error: (i) => `expected a number > 0 or 'auto', got ${shown(i.input)}`,
    })
    .refine((v) => v === 'auto' || (Number.isFinite(v) && v > 0), {
      error: (i) => `expected a number > 0 or 'auto', got ${shown(i.input)}`,
    })
    .optional(),
  /** Reduction factor η (the top 1/η of a rung continues). */
  reductionFactor: numberAbove(2, true).optional(),
  /** Optuna's bootstrap_count. */
  bootstrapCount: intAtLeast(0).optional(),
  /** Optuna's or Ray's promotion test. */
  style: oneOf(['optuna', 'ray']).optional(),
};

export const ashaRuleSchema = z.strictObject({
  kind: z.literal('asha'),
  ...ashaOptions,
  /** Optuna's min_early_stopping_rate s: rungs at r·η^(s+k). */
  minEarlyStoppingRate: intAtLeast(0).optional(),
  ...wrappers,
});

export const hyperbandRuleSchema = z.strictObject({
  kind: z.literal('hyperband'),
  ...ashaOptions,
  brackets: intAtLeast(1).optional(),
  ...wrappers,
});

/** Optuna's interval_steps (n_warmup_steps is the `minEpochs` every rule takes). */
const interval = numberAbove(0, false).optional();

export const percentileRuleSchema = z.strictObject({
  kind: z.literal('percentile'),
  percentile: numberIn(0, 100, false, false),
  minTrials: intAtLeast(1).optional(),
  minTrialsAtEpoch: intAtLeast(1).optional(),
  /** Compare with the most recent this many completed trials only (default: all). */
  recent: intAtLeast(1).optional(),
  interval,
  ...wrappers,
});

export const thresholdRuleSchema = z
  .strictObject({
    kind: z.literal('threshold'),
    lower: z.number({ error: (i) => `expected a number, got ${shown(i.input)}` }).optional(),
    upper: z.number({ error: (i) => `expected a number, got ${shown(i.input)}` }).optional(),
    interval,
    ...wrappers,
  })
  .refine((r) => r.lower !== undefined || r.upper !== undefined, {
    error: () => 'expected lower, upper or both, got neither',
  })
  .refine((r) => r.lower === undefined || r.upper === undefined || r.lower <= r.upper, {
    error: (i) => {
      const r = i.input as { lower?: number; upper?: number };
      return `expected lower <= upper, got lower ${r.lower} and upper ${r.upper}`;
    },
  });

type Wrappers = {
  minEpochs?: number | undefined;
  minFraction?: number | undefined;
  patient?: { patience: number; minDelta?: number | undefined } | undefined;
};

/** A rule in a config file. `kind` defaults to `peng4nn`. */
export type RuleSpec =
  | z.output<typeof peng4nnRuleSchema>
  | z.output<typeof confidentRuleSchema>
  | z.output<typeof topFractionRuleSchema>
  | z.output<typeof neverRuleSchema>
  | z.output<typeof truncationRuleSchema>
  | z.output<typeof patienceRuleSchema>
  | z.output<typeof medianRuleSchema>
  | z.output<typeof ashaRuleSchema>
  | z.output<typeof hyperbandRuleSchema>
  | z.output<typeof percentileRuleSchema>
  | z.output<typeof thresholdRuleSchema>
  | z.output<typeof keepRuleSchema>
  | ({ kind: 'any' | 'all'; rules: RuleSpec[] } & Wrappers);

export const RULE_KINDS = [
  'peng4nn',
  'confident',
  'top-fraction',
  'never',
  'truncation',
  'patience',
  'median',
  'asha',
  'hyperband',
  'percentile',
  'threshold',
  'keep',
  'any',
  'all',
] as const;

const combinatorSchema = (kind: 'any' | 'all') =>
  z.strictObject({
    kind: z.literal(kind),
    get rules() {
      return z.array(ruleSchema, { error: (i) => `expected a list of rules, got ${shown(i.input)}` }).min(1, {
        error: () => `expected at least one rule, got none`,
      });
    },
    ...wrappers,
  });

const byKind: Record<(typeof RULE_KINDS)[number], z.ZodType> = {
  peng4nn: peng4nnRuleSchema,
  confident: confidentRuleSchema,
  'top-fraction': topFractionRuleSchema,
  never: neverRuleSchema,
  truncation: truncationRuleSchema,
  patience: patienceRuleSchema,
  median: medianRuleSchema,
  asha: ashaRuleSchema,
  hyperband: hyperbandRuleSchema,
  percentile: percentileRuleSchema,
  threshold: thresholdRuleSchema,
  keep: keepRuleSchema,
  any: combinatorSchema('any'),
  all: combinatorSchema('all'),
};

function withDefaultKind(input: unknown): unknown {
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && !('kind' in input)) {
    return { kind: 'peng4nn', ...input };
  }
  return input;
}

/** Validates one rule spec; `kind` picks the schema, so errors speak about the right options. */
export const ruleSchema: z.ZodType<RuleSpec> = z
  .preprocess(
    withDefaultKind,
    z
      .unknown()
      .superRefine((v, ctx) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) {
          ctx.addIssue({
            code: 'custom',
            message: `expected a rule object such as { kind: 'peng4nn', N: 3 }, got ${shown(v)}`,
          });
        }
      })
      .pipe(
        z.unknown().transform((value, ctx) => {
          const kind = (value as { kind: unknown }).kind;
          const schema = typeof kind === 'string' ? byKind[kind as keyof typeof byKind] : undefined;
          if (schema === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['kind'],
              message: `expected one of ${RULE_KINDS.map((k) => `'${k}'`).join(', ')}, got ${shown(kind)}`,
            });
            return z.NEVER;
          }
          const result = schema.safeParse(value);
          if (!result.success) {
            for (const issue of result.error.issues) {
              ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
            }
            return z.NEVER;
          }
          return result.data as RuleSpec;
        }),
      ),
  )
  .meta(ruleJsonSchema(byKind)) as unknown as z.ZodType<RuleSpec>;
