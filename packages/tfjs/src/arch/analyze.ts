import type { Architecture, LayerSpec, Shape } from './types.js';

/** What an architecture computes, known before any weight exists. */
export interface ArchAnalysis {
  /** Output shape of every node, in node order. */
  readonly shapes: readonly Shape[];
  /** Every weight `tf.LayersModel.countParams()` counts (batch-norm moving statistics included). */
  readonly params: number;
  /**
   * Multiply-adds of the convolution and dense layers for one sample (the usual "FLOPs" of NAS papers).
   * Bias additions, batch norm, activations, pooling and element-wise sums are not counted.
   */
  readonly flops: number;
}

/** Thrown by `analyzeArchitecture` for a plan that cannot be built; `problems` lists every reason. */
export class ArchitectureError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid architecture: ${problems.join('; ')}`);
    this.name = 'ArchitectureError';
    this.problems = problems;
  }
}

function windowOut(size: number, window: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

interface Step {
  readonly shape: Shape;
  readonly params: number;
  readonly flops: number;
}

function describeShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Output shape, parameters and multiply-adds of one layer, or the reason it cannot be applied. */
function step(layer: LayerSpec, inputs: readonly Shape[]): Step | string {
  const first = inputs[0];
  if (layer.kind === 'input') return { shape: layer.shape, params: 0, flops: 0 };
  if (!first) return `${layer.kind} has no input`;
  if (layer.kind !== 'add' && inputs.length !== 1)
    return `${layer.kind} expects 1 input, got ${inputs.length}`;
  const spatial = (): [number, number, number] | string =>
    first.length === 3
      ? [first[0] as number, first[1] as number, first[2] as number]
      : `${layer.kind} expects a [height, width, channels] input, got ${describeShape(first)}`;
  switch (layer.kind) {
    case 'conv':
    case 'pool': {
      const hwc = spatial();
      if (typeof hwc === 'string') return hwc;
      const [h, w, c] = hwc;
      const window = layer.kind === 'conv' ? layer.kernel : layer.size;
      const ho = windowOut(h, window, layer.stride, layer.padding);
      const wo = windowOut(w, window, layer.stride, layer.padding);
      if (ho < 1 || wo < 1) {
        return `${layer.kind} ${window}x${window} stride ${layer.stride} (${layer.padding}) shrinks ${h}x${w} below 1x1`;
      }
      if (layer.kind === 'pool') return { shape: [ho, wo, c], params: 0, flops: 0 };
      const weights = window * window * c * layer.filters;
      return {
        shape: [ho, wo, layer.filters],
        params: weights + (layer.useBias ? layer.filters : 0),
        flops: ho * wo * weights,
      };
    }
    case 'batchnorm': {
      const channels = first[first.length - 1] as number;
      return { shape: first, params: 4 * channels, flops: 0 };
    }
    case 'activation':
    case 'dropout':
      return { shape: first, params: 0, flops: 0 };
    case 'dense': {
      if (first.length !== 1) return `dense expects a flat input, got ${describeShape(first)}`;
      const n = first[0] as number;
      return { shape: [layer.units], params: n * layer.units + layer.units, flops: n * layer.units };
    }
    case 'flatten':
      return { shape: [first.reduce((a, b) => a * b, 1)], params: 0, flops: 0 };
    case 'globalAvgPool': {
      const hwc = spatial();
      return typeof hwc === 'string' ? hwc : { shape: [hwc[2]], params: 0, flops: 0 };
    }
    case 'add': {
      if (inputs.length < 2) return `add expects at least 2 inputs, got ${inputs.length}`;
      const key = describeShape(first);
      const other = inputs.find((s) => describeShape(s) !== key);
      return other
        ? `add of unequal shapes ${key} and ${describeShape(other)}`
        : { shape: first, params: 0, flops: 0 };
    }
  }
}

/** Every reason the architecture cannot be built (empty when it can). */
export function architectureProblems(arch: Architecture): string[] {
  const result = tryAnalyze(arch);
  return Array.isArray(result) ? result : [];
}

/** Shapes, parameter count and FLOPs; throws `ArchitectureError` for a plan that cannot be built. */
export function analyzeArchitecture(arch: Architecture): ArchAnalysis {
  const result = tryAnalyze(arch);
  if (Array.isArray(result)) throw new ArchitectureError(result);
  return result;
}

function tryAnalyze(arch: Architecture): ArchAnalysis | string[] {
  const shapes: Shape[] = [];
  let params = 0;
  let flops = 0;
  if (arch.nodes[0]?.layer.kind !== 'input') return ['node 0: expected the input layer'];
  for (const [index, node] of arch.nodes.entries()) {
    const inputs: Shape[] = [];
    for (const i of node.inputs) {
      const shape = shapes[i];
      if (i >= index || !shape)
        return [`node ${index} (${node.layer.kind}): input ${i} is not an earlier node`];
      inputs.push(shape);
    }
    const result = step(node.layer, inputs);
    if (typeof result === 'string') return [`node ${index}: ${result}`];
    shapes.push(result.shape);
    params += result.params;
    flops += result.flops;
  }
  const out = shapes[shapes.length - 1] as Shape;
  if (out.length !== 1) return [`output: expected a flat vector of class scores, got ${describeShape(out)}`];
  return { shapes, params, flops };
}
