/**
 * A network as plain JSON: a list of nodes in topological order, each a layer with the indices of its inputs.
 * Spaces decode genomes into an `Architecture`; static objectives (parameters, FLOPs) are computed from it
 * without TensorFlow.js, and `buildModel` turns it into a `tf.LayersModel`.
 */

/** Height, width, channels of a feature map, or `[units]` for a flat vector. */
export type Shape = readonly number[];

export type Activation = 'relu' | 'elu' | 'selu' | 'tanh' | 'sigmoid' | 'linear' | 'swish';

export const ACTIVATIONS: readonly Activation[] = [
  'relu',
  'elu',
  'selu',
  'tanh',
  'sigmoid',
  'linear',
  'swish',
];

export type LayerSpec =
  | { readonly kind: 'input'; readonly shape: Shape }
  | {
      readonly kind: 'conv';
      readonly filters: number;
      readonly kernel: number;
      readonly stride: number;
      readonly padding: 'same' | 'valid';
      readonly activation: Activation;
      readonly useBias: boolean;
    }
  | {
      readonly kind: 'pool';
      readonly type: 'max' | 'avg';
      readonly size: number;
      readonly stride: number;
      readonly padding: 'same' | 'valid';
    }
  | { readonly kind: 'batchnorm' }
  | { readonly kind: 'activation'; readonly activation: Activation }
  | { readonly kind: 'dense'; readonly units: number; readonly activation: Activation }
  | { readonly kind: 'dropout'; readonly rate: number }
  | { readonly kind: 'flatten' }
  | { readonly kind: 'globalAvgPool' }
  /** Element-wise sum of inputs of equal shape. */
  | { readonly kind: 'add' };

export type LayerKind = LayerSpec['kind'];

export interface ArchNode {
  readonly layer: LayerSpec;
  /** Indices of earlier nodes feeding this one (empty for the input). */
  readonly inputs: readonly number[];
}

/** Node 0 is the input; the last node is the output (logits, no softmax). */
export interface Architecture {
  readonly nodes: readonly ArchNode[];
}

/** Appends layers one after another, each fed by the previous node: the usual way to write a sequential plan. */
export class ArchBuilder {
  private readonly nodes: ArchNode[] = [];

  constructor(inputShape: Shape) {
    this.nodes.push({ layer: { kind: 'input', shape: inputShape }, inputs: [] });
  }

  /** Index of the last node added. */
  get last(): number {
    return this.nodes.length - 1;
  }

  /** Adds a layer fed by `inputs` (default: the last node) and returns its index. */
  add(layer: LayerSpec, inputs: readonly number[] = [this.last]): number {
    for (const i of inputs) {
      if (!Number.isInteger(i) || i < 0 || i >= this.nodes.length) {
        throw new RangeError(
          `ArchBuilder.add: input ${i} is not an earlier node (0..${this.nodes.length - 1})`,
        );
      }
    }
    this.nodes.push({ layer, inputs: [...inputs] });
    return this.last;
  }

  build(): Architecture {
    return { nodes: this.nodes.slice() };
  }
}
