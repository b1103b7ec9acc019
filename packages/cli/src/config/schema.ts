import type {
  Genome,
  Plugin,
  PluginObject,
  Searcher,
  SearcherFactory,
  SearchSpace,
  Trainer,
} from '@penguin-nas/core';
import { z } from 'zod';

/**
 * The one schema of a Penguin config file. `buildConfigSchema({ objects: true })` also accepts objects a
 * `penguin.config.ts` imports (a searcher factory, a trainer, a plugin…); `{ objects: false }` is the JSON-only
 * subset, used for the JSON Schema and the configuration reference.
 */
export interface SchemaVariant {
  readonly objects: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isSearcherObject = (v: unknown): v is Searcher<Genome> =>
  isRecord(v) && typeof v.ask === 'function' && typeof v.tell === 'function';
export const isTrainerObject = (v: unknown): v is Trainer<Genome> =>
  isRecord(v) && typeof v.train === 'function';
export const isSpaceObject = (v: unknown): v is SearchSpace<Genome> =>
  isRecord(v) && typeof v.sample === 'function' && typeof v.validate === 'function';
export const isPluginObject = (v: unknown): v is PluginObject<Genome> =>
  isRecord(v) && typeof v.apply === 'function';

/** `'name'` or `{ name: 'name', …options }`: a strategy from the registry. */
function namedRef(kind: string, example: string) {
  const name = z.string().min(1).describe(`Name of a registered ${kind}, e.g. '${example}'`);
  const withOptions = z
    .looseObject({ name })
    .describe(`A registered ${kind} with its options: { name: '${example}', …options }`);
  return [name, withOptions] as const;
}

function strategy<T>(
  variant: SchemaVariant,
  kind: string,
  example: string,
  isObject: (v: unknown) => v is T,
  objectWord: string,
) {
  const [name, withOptions] = namedRef(kind, example);
  const message = `expected a ${kind} name ('${example}'), { name: '${example}', …options }${
    variant.objects ? `, or ${objectWord}` : ''
  }`;
  if (!variant.objects) return z.union([name, withOptions], { error: message });
  const object = z.custom<T>(isObject, { message });
  return z.union([object, name, withOptions], { error: message });
}

const budgetSchema = z
  .strictObject({
    trials: z.int().min(1).optional().describe('Trials to run (each trial trains one genome)'),
    epochs: z.number().positive().optional().describe('Total epochs trained over all trials'),
    seconds: z.number().positive().optional().describe('Wall-clock seconds'),
  })
  .refine((b) => b.trials !== undefined || b.epochs !== undefined || b.seconds !== undefined, {
    message: 'expected at least one of trials, epochs, seconds',
  })
  .describe('When the run ends: whichever limit is reached first');

const objectiveSchema = z.strictObject({
  name: z.string().min(1).describe('Objective name, e.g. val_acc or params'),
  direction: z.enum(['maximize', 'minimize']),
  from: z
    .enum(['curve', 'static'])
    .default('curve')
    .describe(
      'curve: learned (value at the end of training, or its prediction); static: known before training',
    ),
  metric: z.string().min(1).optional().describe('For curve objectives: the logged metric (default: name)'),
});

const executorSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('in-process').describe('Train in this process (the default)') }),
      z.strictObject({
        kind: z.literal('queue').describe('Train on `penguin agent`s through BullMQ on Redis'),
        redis: z
          .string()
          .min(1)
          .describe(
            'redis://[user:password@]host:port[/db] or rediss:// (TLS); the password never reaches the journal',
          ),
        queue: z.string().min(1).default('penguin').describe('BullMQ queue the agents serve'),
        decisionTimeoutMs: z
          .int()
          .min(1)
          .default(10_000)
          .describe('How long an agent waits for continue/stop after a validation point before it continues'),
        leaseMs: z
          .int()
          .min(100)
          .default(30_000)
          .describe(
            "The coordinator's lease on the run: how soon a resume takes over from a dead coordinator",
          ),
      }),
    ],
    { error: "expected { kind: 'in-process' } or { kind: 'queue', redis: 'redis://host:6379', … }" },
  )
  .default({ kind: 'in-process' })
  .describe('Where trials train: in this process, or on agents through a Redis queue (docs/distributed.md)');

export const DEFAULT_OBJECTIVES = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }] as const;

export function buildConfigSchema(variant: SchemaVariant) {
  const skipped = [z.literal(false), z.null()] as const;
  const pluginEntry = variant.objects
    ? z.union(
        [
          z.custom<Plugin<Genome>>((v) => typeof v === 'function' || isPluginObject(v)),
          ...namedRef('plugin', 'my-plugin'),
          ...skipped,
        ],
        { error: 'expected a plugin name, { name, …options }, or a plugin ({ name, apply } or a function)' },
      )
    : z.union([...namedRef('plugin', 'my-plugin'), ...skipped], {
        error: 'expected a plugin name or { name, …options }',
      });

  return z
    .strictObject({
      $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors'),
      packages: z
        .array(z.string().min(1))
        .default([])
        .describe(
          "More packages whose penguinPackage adds searchers, spaces, trainers or plugins: npm names or paths ('./my-plugin.js') relative to the config file",
        ),
      space: strategy(variant, 'space', 'tabular', isSpaceObject, 'a search space (defineSpace(…))').describe(
        'The search space: which genomes exist',
      ),
      dataset: z
        .union([z.string().min(1), z.looseObject({ name: z.string().min(1) })], {
          error: 'expected a dataset name or { name, …options }',
        })
        .optional()
        .describe("Handed as the 'dataset' option to the space and the trainer that take one"),
      searcher: strategy(
        variant,
        'searcher',
        'random',
        (v): v is Searcher<Genome> | SearcherFactory<Genome> =>
          typeof v === 'function' || isSearcherObject(v),
        'a searcher factory ((context) => searcher)',
      ).describe('The search strategy: proposes genomes, learns from their fitness'),
      trainer: strategy(
        variant,
        'trainer',
        'replay',
        isTrainerObject,
        'a trainer ({ name, train })',
      ).describe('Trains (or replays) one genome epoch by epoch'),
      predictor: z
        .union([z.boolean(), z.looseObject({})], {
          error: 'expected true, false or the predictor options { model, rule, metric, … }',
        })
        .default(false)
        .describe('Early termination by learning-curve prediction: true for defaults, or its options'),
      plugins: z.array(pluginEntry).default([]).describe('More plugins; false and null entries are skipped'),
      objectives: z
        .array(objectiveSchema)
        .min(1)
        .default(() => DEFAULT_OBJECTIVES.map((o) => ({ ...o })))
        .describe('What the searcher optimises; the first one ranks the best trial'),
      maxEpochs: z.int().min(1).describe('Epochs the NAS trains each trial: the prediction target'),
      budget: budgetSchema,
      concurrency: z.int().min(1).default(1).describe('Trials trained at the same time'),
      executor: executorSchema,
      timeLimits: z
        .strictObject({
          trialSeconds: z
            .number()
            .positive()
            .optional()
            .describe('One trial, launch to result (default 86 400)'),
          searcherSeconds: z
            .number()
            .positive()
            .optional()
            .describe('One searcher ask or tell (default 600)'),
          cancelSeconds: z
            .number()
            .positive()
            .optional()
            .describe(
              'How long Ctrl-C waits for running trials and hooks before ending the run (default 10)',
            ),
        })
        .default({})
        .describe(
          'Time limits on calls into user code, in seconds: a call that hangs fails, naming its limit',
        ),
      seed: z.int().default(0).describe('Seed of every random choice: equal seeds give equal runs'),
      out: z
        .string()
        .min(1)
        .optional()
        .describe('Run directory (journal), relative to the config file; default runs/<date-time>'),
    })
    .describe('Penguin configuration');
}

export const configSchema = buildConfigSchema({ objects: true });
export const jsonConfigSchema = buildConfigSchema({ objects: false });

/** What a config file may contain (`defineConfig` checks it at compile time). */
export type PenguinConfigInput = z.input<typeof configSchema>;
/** A validated config with defaults filled in. */
export type PenguinConfig = z.output<typeof configSchema>;

/** Identity: gives a `penguin.config.ts` types and completion. */
export function defineConfig(config: PenguinConfigInput): PenguinConfigInput {
  return config;
}
