import type * as tf from '@tensorflow/tfjs';
import { type ConvBackpropAttrs, convInfo, isChannelsLast, type PoolGradAttrs, poolInfo } from './attrs.js';
import type { KernelHost } from './host.js';
import { conv2dFilterGradGemm, conv2dForwardGemm, conv2dInputGradGemm } from './loops/conv2d-gemm.js';
import { depthwiseFilterGradLoop, depthwiseInputGradLoop } from './loops/depthwise-loops.js';
import { avgPoolGradLoop, maxPoolGradLoop } from './loops/pool-loops.js';
import { unsortedSegmentSumLoop } from './loops/segment-loops.js';
import type { TrainingKernel } from './register.js';

/**
 * Kernels built from the typed-array loops (convolutions: im2col + blocked matrix product); one definition serves the cpu and the wasm backend, the
 * host says where tensor memory lives. A call the loops do not cover (NCHW) goes to the original kernel.
 */

type Args = Parameters<tf.KernelFunc>[0];
type Inputs<K extends string> = Record<K, tf.TensorInfo>;

function where(host: KernelHost, kernelName: string): string {
  return `${kernelName} (Penguin kernel, ${host.backendName})`;
}

function delegate(original: tf.KernelConfig | undefined, host: KernelHost, kernelName: string, args: Args) {
  if (original === undefined)
    throw new Error(`${where(host, kernelName)}: only NHWC (channelsLast) is supported`);
  return original.kernelFunc(args);
}

export function conv2dBackpropFilterKernel(host: KernelHost): TrainingKernel {
  const name = 'Conv2DBackpropFilter';
  return {
    kernelName: name,
    make: (original) => (args) => {
      const attrs = args.attrs as unknown as ConvBackpropAttrs & { filterShape: number[] };
      if (!isChannelsLast(attrs)) return delegate(original, host, name, args);
      const { x, dy } = args.inputs as Inputs<'x' | 'dy'>;
      const info = convInfo(x.shape, attrs.filterShape, { ...attrs, dilations: 1 }, false, where(host, name));
      const out = host.alloc(args.backend, [...attrs.filterShape], 'float32');
      const at = where(host, name);
      const b = args.backend;
      conv2dFilterGradGemm(host.floats(b, x, at), host.floats(b, dy, at), info, host.floats(b, out, at));
      return out;
    },
  };
}

export function conv2dBackpropInputKernel(host: KernelHost): TrainingKernel {
  const name = 'Conv2DBackpropInput';
  return {
    kernelName: name,
    make: (original) => (args) => {
      const attrs = args.attrs as unknown as ConvBackpropAttrs & { inputShape: number[] };
      if (!isChannelsLast(attrs)) return delegate(original, host, name, args);
      const { dy, filter } = args.inputs as Inputs<'dy' | 'filter'>;
      const info = convInfo(
        attrs.inputShape,
        filter.shape,
        { ...attrs, dilations: 1 },
        false,
        where(host, name),
      );
      const out = host.alloc(args.backend, [...attrs.inputShape], 'float32');
      const at = where(host, name);
      const b = args.backend;
      conv2dInputGradGemm(host.floats(b, dy, at), host.floats(b, filter, at), info, host.floats(b, out, at));
      return out;
    },
  };
}

export function conv2dKernel(host: KernelHost): TrainingKernel {
  const name = 'Conv2D';
  return {
    kernelName: name,
    make: (original) => (args) => {
      const attrs = args.attrs as unknown as ConvBackpropAttrs;
      if (!isChannelsLast(attrs)) return delegate(original, host, name, args);
      const { x, filter } = args.inputs as Inputs<'x' | 'filter'>;
      const info = convInfo(x.shape, filter.shape, attrs, false, where(host, name));
      const out = host.alloc(args.backend, [...info.outShape], 'float32');
      const at = where(host, name);
      const b = args.backend;
      conv2dForwardGemm(host.floats(b, x, at), host.floats(b, filter, at), info, host.floats(b, out, at));
      return out;
    },
  };
}

export function depthwiseBackpropFilterKernel(host: KernelHost): TrainingKernel {
  const name = 'DepthwiseConv2dNativeBackpropFilter';
  return {
    kernelName: name,
    make: () => (args) => {
      const attrs = args.attrs as unknown as ConvBackpropAttrs & { filterShape: number[] };
      const { x, dy } = args.inputs as Inputs<'x' | 'dy'>;
      const info = convInfo(x.shape, attrs.filterShape, attrs, true, where(host, name));
      const out = host.alloc(args.backend, [...attrs.filterShape], 'float32');
      const at = where(host, name);
      const b = args.backend;
      depthwiseFilterGradLoop(host.floats(b, x, at), host.floats(b, dy, at), info, host.floats(b, out, at));
      return out;
    },
  };
}

export function depthwiseBackpropInputKernel(host: KernelHost): TrainingKernel {
  const name = 'DepthwiseConv2dNativeBackpropInput';
  return {
    kernelName: name,
    make: () => (args) => {
      const attrs = args.attrs as unknown as ConvBackpropAttrs & { inputShape: number[] };
      const { dy, filter } = args.inputs as Inputs<'dy' | 'filter'>;
      const info = convInfo(attrs.inputShape, filter.shape, attrs, true, where(host, name));
      const out = host.alloc(args.backend, [...attrs.inputShape], 'float32');
      const at = where(host, name);
      const b = args.backend;
      depthwiseInputGradLoop(
        host.floats(b, dy, at),
        host.floats(b, filter, at),
        info,
        host.floats(b, out, at),
      );
      return out;
    },
  };
}

export function maxPoolGradKernel(host: KernelHost): TrainingKernel {
  const name = 'MaxPoolGrad';
  return {
    kernelName: name,
    make: () => (args) => {
      const attrs = args.attrs as unknown as PoolGradAttrs;
      const { dy, input } = args.inputs as Inputs<'dy' | 'input'>;
      const info = poolInfo(input.shape, attrs, where(host, name));
      const out = host.alloc(args.backend, [...input.shape], 'float32');
      const at = where(host, name);
      const b = args.backend;
      maxPoolGradLoop(host.floats(b, dy, at), host.floats(b, input, at), info, host.floats(b, out, at));
      return out;
    },
  };
}

export function avgPoolGradKernel(host: KernelHost): TrainingKernel {
  const name = 'AvgPoolGrad';
  return {
    kernelName: name,
    make: () => (args) => {
      const attrs = args.attrs as unknown as PoolGradAttrs;
      const { dy, input } = args.inputs as Inputs<'dy' | 'input'>;
      const info = poolInfo(input.shape, attrs, where(host, name));
      const out = host.alloc(args.backend, [...input.shape], 'float32');
      const at = where(host, name);
      avgPoolGradLoop(host.floats(args.backend, dy, at), info, host.floats(args.backend, out, at));
      return out;
    },
  };
}

export function unsortedSegmentSumKernel(host: KernelHost): TrainingKernel {
  const name = 'UnsortedSegmentSum';
  return {
    kernelName: name,
    make: () => (args) => {
      const { numSegments } = args.attrs as unknown as { numSegments: number };
      const { x, segmentIds } = args.inputs as Inputs<'x' | 'segmentIds'>;
      const at = where(host, name);
      if (x.dtype !== 'float32' && x.dtype !== 'int32') {
        throw new Error(`${at}: expected x of dtype float32 or int32, got ${x.dtype}`);
      }
      const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
      const out = host.alloc(args.backend, outShape, x.dtype);
      const b = args.backend;
      unsortedSegmentSumLoop(
        host.numbers(b, x, at),
        host.numbers(b, segmentIds, at),
        numSegments,
        host.numbers(b, out, at),
      );
      return out;
    },
  };
}
