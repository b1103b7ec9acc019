import { defineSpaceEntry, defineTrainer, type PenguinPackage } from '@penguin-nas/core';
import { z } from 'zod';
import { ACTIVATIONS } from './arch/types.js';
import { DATASET_NAMES, DATASETS } from './datasets/index.js';
import { layerCnnSpace } from './spaces/layer-cnn.js';
import { macroCnnSpace } from './spaces/macro-cnn.js';
import { mlpSpace } from './spaces/mlp.js';
import { isNetworkSpace } from './spaces/network-space.js';
import { OPTIMIZERS } from './spaces/training.js';
import { scheduleSchema, tfjsTrainerOptionsSchema } from './train/options.js';
import { tfjsTrainer } from './train/trainer.js';

const positiveInts = z.array(z.int().min(1)).min(1);
const range = (floor: number) =>
  z.strictObject({ min: z.int().min(floor), max: z.int().min(floor) }).refine((r) => r.min <= r.max, {
    message: 'expected min <= max',
  });
const rates = z.array(z.number().min(0).lt(1)).min(1);
const activations = z.array(z.enum(ACTIVATIONS)).min(1);

const shape = {
  /**
   * Takes `inputShape` and `numClasses` from a dataset: `'cifar10'`, or `{ name: 'cifar100', labels: 'coarse' }`.
   * The config's top-level `dataset` (with `trainSize`, `valSize`…) comes here too: the space reads only `name` and
   * `labels`; the trainer checks the rest strictly.
   */
  dataset: z
    .union([
      z.enum(DATASET_NAMES),
      z.looseObject({ name: z.enum(DATASET_NAMES), labels: z.enum(['fine', 'coarse']).optional() }),
    ])
    .optional(),
  /** Shape of one example, e.g. [28, 28, 1] for Fashion-MNIST, [32, 32, 3] for CIFAR-10. */
  inputShape: positiveInts.optional(),
  numClasses: z.int().min(2).optional(),
  /** Training hyper-parameters to search as well. */
  training: z
    .strictObject({
      optimizer: z.array(z.enum(OPTIMIZERS)).min(1).optional(),
      learningRate: z.strictObject({ low: z.number().positive(), high: z.number().positive() }).optional(),
      batchSize: positiveInts.optional(),
      weightDecay: z.array(z.number().min(0)).min(1).optional(),
      /** Schedules as labels ('cosine', 'step:10:0.1', …) or objects ({ type: 'step', every, gamma }). */
      schedule: z
        .array(scheduleSchema)
        .min(1)
        .meta({
          description:
            "Learning-rate schedules to choose from per trial: labels ('constant', 'cosine', 'cosine:MIN', 'step:EVERY:GAMMA') or schedule objects; each trial logs its rate as lr",
        })
        .optional(),
    })
    .optional(),
};

type ShapeOptions = {
  dataset?:
    | (typeof DATASET_NAMES)[number]
    | { name: (typeof DATASET_NAMES)[number]; labels?: 'fine' | 'coarse' | undefined }
    | undefined;
  inputShape?: number[] | undefined;
  numClasses?: number | undefined;
};

/** Space options with `dataset` turned into `inputShape` and `numClasses` (explicit values win). */
function withDatasetShape<T extends ShapeOptions>(options: T): Omit<T, 'dataset'> {
  const { dataset, ...rest } = options;
  if (!dataset) return rest;
  const { name, labels } = typeof dataset === 'string' ? { name: dataset, labels: undefined } : dataset;
  const spec = DATASETS[name];
  return {
    ...rest,
    inputShape: rest.inputShape ?? [...spec.shape],
    numClasses: rest.numClasses ?? spec.classNames(labels ?? 'fine').length,
  };
}

/** An options object without explicit `undefined`s (zod's optional keys), as exactOptionalPropertyTypes wants. */
type Defined<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]: Defined<Exclude<T[K], undefined>> }
    : T;

function strip<T extends object>(options: T): Defined<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'object' && value !== null && !Array.isArray(value) ? strip(value) : value;
  }
  return out as Defined<T>;
}

/** What `@penguin-nas/tfjs` adds to the registry: three network spaces and the `tfjs` trainer. */
export const penguinPackage: PenguinPackage = {
  spaces: [
    defineSpaceEntry({
      name: 'macro-cnn',
      description:
        'NSGA-Net macro CNNs: phases of nodes wired by bit strings, channels per phase, pooling between',
      options: z.strictObject({
        ...shape,
        phases: z.int().min(1).optional(),
        nodes: z.int().min(2).optional(),
        channels: positiveInts.optional(),
        headUnits: z.array(z.int().min(0)).min(1).optional(),
        headDropout: rates.optional(),
      }),
      create: (options) => macroCnnSpace(strip(withDatasetShape(options))),
    }),
    defineSpaceEntry({
      name: 'layer-cnn',
      description: 'EvoCNN-style variable-length lists of conv / pool layers, then dense layers',
      options: z.strictObject({
        ...shape,
        featureLayers: range(1).optional(),
        denseLayers: range(0).optional(),
        filters: positiveInts.optional(),
        kernels: positiveInts.optional(),
        strides: positiveInts.optional(),
        activations: activations.optional(),
        units: positiveInts.optional(),
        dropout: rates.optional(),
      }),
      create: (options) => layerCnnSpace(strip(withDatasetShape(options))),
    }),
    defineSpaceEntry({
      name: 'mlp',
      description: 'Multi-layer perceptrons: number of layers, widths, activations, dropout',
      options: z.strictObject({
        ...shape,
        layers: range(0).optional(),
        units: positiveInts.optional(),
        activations: activations.optional(),
        dropout: rates.optional(),
      }),
      create: (options) => mlpSpace(strip(withDatasetShape(options))),
    }),
  ],
  trainers: [
    defineTrainer({
      name: 'tfjs',
      description: 'Trains networks of the macro-cnn, layer-cnn and mlp spaces with TensorFlow.js',
      options: tfjsTrainerOptionsSchema,
      create: (options, context) => {
        if (!isNetworkSpace(context.space)) {
          throw new RangeError(
            `trainer tfjs: expected a network space (macro-cnn, layer-cnn, mlp), got space ${context.space.name}`,
          );
        }
        return tfjsTrainer({ ...strip(options), dataset: options.dataset, space: context.space });
      },
    }),
  ],
};
