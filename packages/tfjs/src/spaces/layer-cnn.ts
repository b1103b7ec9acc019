import type { Decision, Genome } from '@penguin-nas/core';
import { type Activation, ArchBuilder, type Architecture, type Shape } from '../arch/types.js';
import { assertChoices, assertRange, whenDepthAtLeast, withCondition } from './conditions.js';
import { assertShapeOptions, defineNetworkSpace, type NetworkSpace } from './network-space.js';
import { type TrainingDecisionOptions, trainingDecisions } from './training.js';

export interface LayerCnnSpaceOptions {
  /** Default [28, 28, 1]. */
  readonly inputShape?: Shape;
  /** Default 10. */
  readonly numClasses?: number;
  /** Convolution and pooling layers, default 1..5. */
  readonly featureLayers?: { readonly min: number; readonly max: number };
  /** Hidden dense layers before the class scores, default 0..2. */
  readonly denseLayers?: { readonly min: number; readonly max: number };
  /** Default [8, 16, 32, 64]. */
  readonly filters?: readonly number[];
  /** Default [3, 5]. */
  readonly kernels?: readonly number[];
  /** Default [1, 2]. */
  readonly strides?: readonly number[];
  /** Default ['relu', 'elu']. */
  readonly activations?: readonly Activation[];
  /** Default [32, 64, 128]. */
  readonly units?: readonly number[];
  /** Dropout after each dense layer, default [0, 0.25, 0.5]. */
  readonly dropout?: readonly number[];
  readonly training?: TrainingDecisionOptions;
}

/** One feature layer as the genome describes it. */
export type FeatureLayer =
  | {
      readonly type: 'conv';
      readonly filters: number;
      readonly kernel: number;
      readonly stride: number;
      readonly activation: Activation;
    }
  | { readonly type: 'pool'; readonly pool: 'max' | 'avg' };

const FEATURE_KEYS = ['type', 'filters', 'kernel', 'stride', 'activation', 'pool'] as const;

/** Reads the feature layers of a genome in order. */
export function featureLayers(genome: Genome): FeatureLayer[] {
  const out: FeatureLayer[] = [];
  for (let i = 1; i <= (genome.features as number); i++) {
    const at = (key: string) => genome[`feature${i}.${key}`];
    if (at('type') === 'pool') out.push({ type: 'pool', pool: at('pool') as 'max' | 'avg' });
    else {
      out.push({
        type: 'conv',
        filters: at('filters') as number,
        kernel: at('kernel') as number,
        stride: at('stride') as number,
        activation: at('activation') as Activation,
      });
    }
  }
  return out;
}

/**
 * The index of the first layer that shrinks the feature map below 1x1, or -1. Convolutions use same padding
 * (never below 1x1); pooling is 2x2, stride 2, valid.
 */
function firstShrinking(input: Shape, layers: readonly FeatureLayer[]): number {
  let h = input[0] as number;
  let w = input[1] as number;
  for (const [i, layer] of layers.entries()) {
    if (layer.type === 'conv') {
      h = Math.ceil(h / layer.stride);
      w = Math.ceil(w / layer.stride);
    } else {
      h = Math.floor((h - 2) / 2) + 1;
      w = Math.floor((w - 2) / 2) + 1;
    }
    if (h < 1 || w < 1) return i;
  }
  return -1;
}

/**
 * EvoCNN/MENNDL-style variable-length CNNs: `features` layers, each `feature<i>.type` conv (filters, kernel,
 * stride, activation; same padding) or pool (max/avg, 2x2 stride 2), then `dense` hidden layers
 * (`dense<j>.units`, `.activation`, `.dropout`) and the class scores. Conditional decisions encode the length.
 * `repair` turns a network whose feature map would shrink below 1x1 into one that fits: the pooling layers that
 * do not fit are dropped (convolutions use same padding and always fit).
 */
export function layerCnnSpace(options: LayerCnnSpaceOptions = {}): NetworkSpace {
  const name = 'layer-cnn';
  const inputShape = options.inputShape ?? [28, 28, 1];
  const numClasses = options.numClasses ?? 10;
  const features = options.featureLayers ?? { min: 1, max: 5 };
  const dense = options.denseLayers ?? { min: 0, max: 2 };
  const filters = options.filters ?? [8, 16, 32, 64];
  const kernels = options.kernels ?? [3, 5];
  const strides = options.strides ?? [1, 2];
  const activations = options.activations ?? ['relu', 'elu'];
  const units = options.units ?? [32, 64, 128];
  const dropout = options.dropout ?? [0, 0.25, 0.5];
  assertShapeOptions(name, inputShape, numClasses);
  if (inputShape.length !== 3) {
    throw new RangeError(
      `space ${name}: inputShape: expected [height, width, channels], got ${JSON.stringify(inputShape)}`,
    );
  }
  assertRange(name, 'featureLayers', features, 1);
  assertRange(name, 'denseLayers', dense, 0);
  for (const [key, list] of Object.entries({ filters, kernels, strides, activations, units, dropout })) {
    assertChoices(name, key, list);
  }

  const decisions: Decision[] = [{ kind: 'int', name: 'features', low: features.min, high: features.max }];
  for (let i = 1; i <= features.max; i++) {
    const p = `feature${i}`;
    decisions.push({
      kind: 'categorical',
      name: `${p}.type`,
      choices: ['conv', 'pool'],
      ...withCondition(whenDepthAtLeast('features', i, features.min, features.max)),
    });
    const conv = { when: { decision: `${p}.type`, in: ['conv'] } };
    decisions.push(
      { kind: 'categorical', name: `${p}.filters`, choices: filters, ...conv },
      { kind: 'categorical', name: `${p}.kernel`, choices: kernels, ...conv },
      { kind: 'categorical', name: `${p}.stride`, choices: strides, ...conv },
      { kind: 'categorical', name: `${p}.activation`, choices: activations, ...conv },
      {
        kind: 'categorical',
        name: `${p}.pool`,
        choices: ['max', 'avg'],
        when: { decision: `${p}.type`, in: ['pool'] },
      },
    );
  }
  decisions.push({ kind: 'int', name: 'dense', low: dense.min, high: dense.max });
  for (let j = 1; j <= dense.max; j++) {
    const when = withCondition(whenDepthAtLeast('dense', j, dense.min, dense.max));
    decisions.push(
      { kind: 'categorical', name: `dense${j}.units`, choices: units, ...when },
      { kind: 'categorical', name: `dense${j}.activation`, choices: activations, ...when },
      { kind: 'categorical', name: `dense${j}.dropout`, choices: dropout, ...when },
    );
  }
  decisions.push(...trainingDecisions(options.training));

  const decode = (genome: Genome): Architecture => {
    const arch = new ArchBuilder(inputShape);
    for (const layer of featureLayers(genome)) {
      if (layer.type === 'conv') {
        arch.add({ kind: 'conv', padding: 'same', useBias: true, ...layer });
      } else {
        arch.add({ kind: 'pool', type: layer.pool, size: 2, stride: 2, padding: 'valid' });
      }
    }
    arch.add({ kind: 'flatten' });
    for (let j = 1; j <= (genome.dense as number); j++) {
      const activation = genome[`dense${j}.activation`] as Activation;
      arch.add({ kind: 'dense', units: genome[`dense${j}.units`] as number, activation });
      const rate = genome[`dense${j}.dropout`] as number;
      if (rate > 0) arch.add({ kind: 'dropout', rate });
    }
    arch.add({ kind: 'dense', units: numClasses, activation: 'linear' });
    return arch.build();
  };

  const fixNetwork = (genome: Genome): Genome => {
    const layers = featureLayers(genome);
    for (let bad = firstShrinking(inputShape, layers); bad >= 0; bad = firstShrinking(inputShape, layers)) {
      layers.splice(bad, 1);
    }
    const fallback: FeatureLayer = {
      type: 'conv',
      filters: filters[0] as number,
      kernel: kernels[0] as number,
      stride: 1,
      activation: activations[0] as Activation,
    };
    while (layers.length < features.min) layers.push(fallback);
    const out: Record<string, Genome[string]> = {};
    for (const [key, value] of Object.entries(genome)) {
      if (!key.startsWith('feature')) out[key] = value;
    }
    out.features = layers.length;
    for (const [i, layer] of layers.entries()) {
      for (const key of FEATURE_KEYS) {
        const value = (layer as Record<string, Genome[string] | undefined>)[key];
        if (value !== undefined) out[`feature${i + 1}.${key}`] = value;
      }
    }
    return out;
  };

  return defineNetworkSpace({ name, inputShape, numClasses, decisions, decode, fixNetwork });
}
