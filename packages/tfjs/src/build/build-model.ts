import type * as tfjs from '@tensorflow/tfjs';
import { analyzeArchitecture } from '../arch/analyze.js';
import type { Architecture, LayerSpec } from '../arch/types.js';
import { defaultTf, type TF } from '../tf.js';
import { seededDropout } from './seeded-dropout.js';

export interface BuildOptions {
  /** Seeds every initializer and dropout mask: the same seed builds the same weights. */
  readonly seed: number;
  /** Model name (default `penguin`). */
  readonly name?: string;
  /** The TensorFlow.js namespace to build with (the one `selectBackend` returned); default this package's. */
  readonly tf?: TF;
}

type Layer = tfjs.layers.Layer;

function makeLayer(tf: TF, spec: LayerSpec, seed: number, name: string): Layer | undefined {
  const kernelInitializer = tf.initializers.glorotUniform({ seed });
  switch (spec.kind) {
    case 'input':
      return undefined;
    case 'conv':
      return tf.layers.conv2d({
        name,
        filters: spec.filters,
        kernelSize: spec.kernel,
        strides: spec.stride,
        padding: spec.padding,
        activation: spec.activation,
        useBias: spec.useBias,
        kernelInitializer,
      });
    case 'pool': {
      const args = { name, poolSize: spec.size, strides: spec.stride, padding: spec.padding };
      return spec.type === 'max' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    }
    case 'batchnorm':
      return tf.layers.batchNormalization({ name });
    case 'activation':
      return tf.layers.activation({ name, activation: spec.activation });
    case 'dense':
      return tf.layers.dense({ name, units: spec.units, activation: spec.activation, kernelInitializer });
    case 'dropout':
      return seededDropout({ name, rate: spec.rate, seed }, tf);
    case 'flatten':
      return tf.layers.flatten({ name });
    case 'globalAvgPool':
      return tf.layers.globalAveragePooling2d({ name });
    case 'add':
      return tf.layers.add({ name });
  }
}

/**
 * Builds the network of an architecture with the functional API (any DAG of nodes). The output layer gives
 * logits; losses and accuracy apply softmax themselves. Throws `ArchitectureError` for a plan that cannot be built.
 */
export function buildModel(arch: Architecture, options: BuildOptions): tfjs.LayersModel {
  const tf = options.tf ?? defaultTf;
  const analysis = analyzeArchitecture(arch);
  const input = tf.input({ shape: [...(analysis.shapes[0] ?? [])], name: 'input' });
  const outputs: tfjs.SymbolicTensor[] = [input];
  for (const [index, node] of arch.nodes.entries()) {
    if (index === 0) continue;
    const layer = makeLayer(
      tf,
      node.layer,
      (options.seed * 1009 + index * 7919) >>> 0,
      `${node.layer.kind}_${index}`,
    );
    if (!layer) throw new RangeError(`buildModel: node ${index}: only node 0 may be the input`);
    const inputs = node.inputs.map((i) => outputs[i] as tfjs.SymbolicTensor);
    outputs.push(
      layer.apply(inputs.length === 1 ? (inputs[0] as tfjs.SymbolicTensor) : inputs) as tfjs.SymbolicTensor,
    );
  }
  return tf.model({
    inputs: input,
    outputs: outputs[outputs.length - 1] as tfjs.SymbolicTensor,
    name: options.name ?? 'penguin',
  });
}
