import { z } from 'zod';
import { BACKEND_CHOICES } from '../backend/index.js';
import { datasetConfigSchema } from '../datasets/index.js';
import { OPTIMIZERS } from '../spaces/training.js';
import type { TrainSettings } from './fit-trial.js';
import { type LearningRateSchedule, readScheduleLabel } from './schedule.js';

/** A schedule as the trainer's option or a space's `training.schedule` entry: a label or an object. */
export const scheduleSchema = z.union(
  [
    z
      .string()
      .describe("a label: 'constant', 'cosine', 'cosine:MIN' or 'step:EVERY:GAMMA' (e.g. 'step:10:0.1')")
      .transform((label, ctx): LearningRateSchedule => {
        const read = readScheduleLabel(label);
        if ('schedule' in read) return read.schedule;
        ctx.addIssue({ code: 'custom', message: read.problem });
        return z.NEVER;
      }),
    z.strictObject({ type: z.literal('constant') }),
    z.strictObject({ type: z.literal('cosine'), minLearningRate: z.number().min(0).optional() }),
    z.strictObject({ type: z.literal('step'), every: z.number().positive(), gamma: z.number().positive() }),
  ],
  {
    // A union that fails says "Invalid input"; a malformed label says what is wrong with it instead.
    error: (issue) => {
      const input = issue.input;
      if (typeof input !== 'string') return undefined;
      const read = readScheduleLabel(input);
      return 'problem' in read ? read.problem : undefined;
    },
  },
);

/**
 * Options of the `tfjs` trainer as a config file writes them. Epochs are not here: the engine's `maxEpochs`
 * decides how long each trial trains. Genome decisions named `optimizer`, `learningRate`, `batchSize` or
 * `weightDecay` override these per trial.
 */
export const trainerSettingsSchema = z.strictObject({
  batchSize: z.int().min(1).default(64),
  optimizer: z.enum(OPTIMIZERS).default('adam'),
  learningRate: z.number().positive().default(0.001),
  /** SGD momentum. */
  momentum: z.number().min(0).lt(1).default(0.9),
  nesterov: z.boolean().default(false),
  /** L2 weight decay added to every gradient (`g + wd·w`). */
  weightDecay: z.number().min(0).default(0),
  /** A label (`'constant'`, `'cosine'`, `'cosine:MIN'`, `'step:EVERY:GAMMA'`) or `{ type: 'cosine', minLearningRate }`, `{ type: 'step', every, gamma }`. */
  schedule: scheduleSchema.default({ type: 'constant' }).meta({
    description:
      "How the rate moves over training: a label ('constant', 'cosine', 'cosine:MIN', 'step:EVERY:GAMMA'), { type: 'cosine', minLearningRate? } or { type: 'step', every, gamma }; default constant",
  }),
  /** Epochs between validation points; fractional allowed (0.5 = twice per epoch). */
  validationEvery: z.number().positive().default(1),
  /** TensorFlow.js backend; `auto` takes the fastest installed. */
  backend: z.enum(BACKEND_CHOICES).default('auto'),
  /** Worker threads training in parallel; 0 trains in this thread. */
  workers: z.int().min(0).default(0),
  /** A worker is replaced after this many models (memory creeps even without leaked tensors). */
  maxModelsPerWorker: z.int().min(1).default(20),
  /** Heap limit of each worker in MiB (a worker over it fails its trial and is replaced). */
  workerMemoryMb: z.int().min(16).optional(),
});

/** The settings plus the dataset: what a config file gives the `tfjs` trainer. */
export const tfjsTrainerOptionsSchema = trainerSettingsSchema.extend({
  /** What to train on: `loadDataset` options (`{ name, path?, trainSize?, valSize?, … }`). */
  dataset: datasetConfigSchema,
});

export type TrainerSettingsConfig = z.input<typeof trainerSettingsSchema>;
export type ResolvedTrainerSettings = z.output<typeof trainerSettingsSchema>;
export type TfjsTrainerConfig = z.input<typeof tfjsTrainerOptionsSchema>;
export type ResolvedTrainerConfig = z.output<typeof tfjsTrainerOptionsSchema>;

/** Validates trainer options; the error lists every problem with its key path (`trainer.batchSize: …`). */
export function resolveTrainerConfig<S extends z.ZodType = typeof tfjsTrainerOptionsSchema>(
  options: unknown,
  where = 'trainer',
  schema: S = tfjsTrainerOptionsSchema as unknown as S,
): z.output<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
  throw new RangeError(lines.join('\n'));
}

/** The settings one trial trains with: the trainer's options, overridden by the genome's training decisions. */
export function trainSettings(
  config: ResolvedTrainerSettings,
  overrides: Partial<TrainSettings>,
): TrainSettings {
  return {
    optimizer: overrides.optimizer ?? config.optimizer,
    learningRate: overrides.learningRate ?? config.learningRate,
    momentum: config.momentum,
    nesterov: config.nesterov,
    weightDecay: overrides.weightDecay ?? config.weightDecay,
    batchSize: overrides.batchSize ?? config.batchSize,
    schedule: overrides.schedule ?? config.schedule,
    validationEvery: config.validationEvery,
  };
}
