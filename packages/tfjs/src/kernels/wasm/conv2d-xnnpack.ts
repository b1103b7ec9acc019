import * as tf from '@tensorflow/tfjs';
import { type ConvBackpropAttrs, convInfo, isChannelsLast } from '../attrs.js';
import { wasmHost } from '../host.js';
import { im2colTransposed } from '../loops/im2col.js';
import type { TrainingKernel } from '../register.js';

/**
 * Convolution gradients on `wasm` rewritten as forward convolutions or matrix products, so they run in
 * the backend's SIMD (XNNPACK) kernels instead of scalar loops:
 * - filter gradient with few taps (kh·kw·ci ≤ 32, e.g. a first layer): the transposed patch matrix built
 *   on the heap, times dy: dW[K, co] = colᵀ[K, P] · dy[P, co];
 * - filter gradient otherwise: batch becomes the reduction channel and strides become dilations:
 *   dW[kh, kw, ci, co] = Conv2D(x as [ci, H, W, batch], dy as [oh, ow, batch, co], dilation = stride);
 * - input gradient (stride 1): a convolution of the padded output gradient with the flipped filter.
 */

type Args = Parameters<tf.KernelFunc>[0];

function run(kernelName: string, args: Args): tf.TensorInfo {
  const kernel = tf.getKernel(kernelName, 'wasm');
  if (kernel === undefined) throw new Error(`Penguin wasm kernels need the wasm kernel '${kernelName}'`);
  return kernel.kernelFunc(args) as tf.TensorInfo;
}

const transpose = (backend: unknown, x: tf.TensorInfo, perm: number[]) =>
  run('Transpose', { inputs: { x }, backend: backend as tf.KernelBackend, attrs: { perm } });

/** Up to this many filter taps (kh·kw·ci) the patch-matrix product beats the convolution form. */
export const MATMUL_FILTER_GRAD_MAX_TAPS = 32;

export function conv2dBackpropFilterViaMatMul(args: Args, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const { backend } = args;
  const { x, dy } = args.inputs as Record<'x' | 'dy', tf.TensorInfo>;
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  const where = 'Conv2DBackpropFilter (Penguin kernel, wasm)';
  const colT = wasmHost.alloc(backend, [1, taps, positions], 'float32');
  im2colTransposed(wasmHost.floats(backend, x, where), info, wasmHost.floats(backend, colT, where));
  const product = run('BatchMatMul', {
    inputs: { a: colT, b: { dataId: dy.dataId, shape: [1, positions, info.outChannels], dtype: 'float32' } },
    backend,
    attrs: { transposeA: false, transposeB: false },
  });
  wasmHost.dispose(backend, colT);
  return { ...product, shape: [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels] };
}

export function conv2dBackpropFilterViaConv(args: Args, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const { backend } = args;
  const { x, dy } = args.inputs as Record<'x' | 'dy', tf.TensorInfo>;
  const { inHeight, inWidth, inChannels, batchSize, outHeight, outWidth, filterHeight, filterWidth } = info;
  const { strideHeight, strideWidth, padInfo } = info;
  // Rows/columns the windows never reach would make the far padding negative: crop them instead.
  const padBottom = filterHeight + (outHeight - 1) * strideHeight - inHeight - padInfo.top;
  const padRight = filterWidth + (outWidth - 1) * strideWidth - inWidth - padInfo.left;
  const temporaries: tf.TensorInfo[] = [];
  let xt = transpose(backend, x, [3, 1, 2, 0]);
  temporaries.push(xt);
  if (padBottom < 0 || padRight < 0) {
    xt = run('Slice', {
      inputs: { x: xt },
      backend,
      attrs: {
        begin: [0, 0, 0, 0],
        size: [inChannels, inHeight + Math.min(0, padBottom), inWidth + Math.min(0, padRight), batchSize],
      },
    });
    temporaries.push(xt);
  }
  const dyt = transpose(backend, dy, [1, 2, 0, 3]);
  temporaries.push(dyt);
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [padInfo.top, Math.max(0, padBottom)],
    [padInfo.left, Math.max(0, padRight)],
    [0, 0],
  ];
  const gradient = run('Conv2D', {
    inputs: { x: xt, filter: dyt },
    backend,
    attrs: {
      strides: 1,
      dilations: [strideHeight, strideWidth],
      pad,
      dataFormat: 'NHWC',
      dimRoundingMode: 'floor',
    },
  });
  temporaries.push(gradient);
  const out = transpose(backend, gradient, [1, 2, 0, 3]);
  for (const t of temporaries) wasmHost.dispose(backend, t);
  return out;
}

/** Stride 1 only (checked by the caller): dx = Conv2D(dy padded, flip(W) with in/out channels swapped). */
export function conv2dBackpropInputViaConv(args: Args, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const { backend } = args;
  const { dy, filter } = args.inputs as Record<'dy' | 'filter', tf.TensorInfo>;
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co, padInfo } = info;
  const flipped = wasmHost.alloc(backend, [kh, kw, co, ci], 'float32');
  const w = wasmHost.floats(backend, filter, 'Conv2DBackpropInput (Penguin kernel, wasm)');
  const wf = wasmHost.floats(backend, flipped, 'Conv2DBackpropInput (Penguin kernel, wasm)');
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const from = ((kh - 1 - i) * kw + (kw - 1 - j)) * ci * co;
      const to = (i * kw + j) * co * ci;
      for (let c = 0; c < ci; c++) {
        for (let o = 0; o < co; o++) wf[to + o * ci + c] = w[from + c * co + o] as number;
      }
    }
  }
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [kh - 1 - padInfo.top, kh - 1 - padInfo.bottom],
    [kw - 1 - padInfo.left, kw - 1 - padInfo.right],
    [0, 0],
  ];
  const dx = run('Conv2D', {
    inputs: { x: dy, filter: flipped },
    backend,
    attrs: { strides: 1, dilations: 1, pad, dataFormat: 'NHWC', dimRoundingMode: 'floor' },
  });
  wasmHost.dispose(backend, flipped);
  return dx;
}

export const wasmConv2DBackpropFilter: TrainingKernel = {
  kernelName: 'Conv2DBackpropFilter',
  make: () => (args) => {
    const attrs = args.attrs as unknown as ConvBackpropAttrs & { filterShape: number[] };
    if (!isChannelsLast(attrs)) {
      throw new Error('Conv2DBackpropFilter (Penguin kernel, wasm): only NHWC (channelsLast) is supported');
    }
    const { x } = args.inputs as Record<'x', tf.TensorInfo>;
    const info = convInfo(
      x.shape,
      attrs.filterShape,
      { ...attrs, dilations: 1 },
      false,
      'Conv2DBackpropFilter',
    );
    const taps = info.filterHeight * info.filterWidth * info.inChannels;
    return taps <= MATMUL_FILTER_GRAD_MAX_TAPS
      ? conv2dBackpropFilterViaMatMul(args, info)
      : conv2dBackpropFilterViaConv(args, info);
  },
};

/** Stride 1 through XNNPACK; other strides (and pads wider than the filter) keep the original kernel. */
export const wasmConv2DBackpropInput: TrainingKernel = {
  kernelName: 'Conv2DBackpropInput',
  make: (original) => (args) => {
    const attrs = args.attrs as unknown as ConvBackpropAttrs & { inputShape: number[] };
    const { filter } = args.inputs as Record<'filter', tf.TensorInfo>;
    const info = convInfo(
      attrs.inputShape,
      filter.shape,
      { ...attrs, dilations: 1 },
      false,
      'Conv2DBackpropInput',
    );
    const { padInfo, filterHeight: kh, filterWidth: kw } = info;
    const fits =
      isChannelsLast(attrs) &&
      info.strideHeight === 1 &&
      info.strideWidth === 1 &&
      Math.max(padInfo.top, padInfo.bottom) <= kh - 1 &&
      Math.max(padInfo.left, padInfo.right) <= kw - 1;
    if (fits) return conv2dBackpropInputViaConv(args, info);
    if (original === undefined)
      throw new Error('Conv2DBackpropInput (Penguin kernel, wasm): no kernel to fall back to');
    return original.kernelFunc(args);
  },
};
