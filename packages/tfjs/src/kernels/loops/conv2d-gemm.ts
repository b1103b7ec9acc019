import type { backend_util } from '@tensorflow/tfjs';
import { gemmABt } from './gemm.js';
import { col2im, im2col, im2colTransposed, transpose2d } from './im2col.js';
import { scratch } from './scratch.js';

/**
 * Convolution and its gradients as im2col + one blocked matrix product (NHWC data, HWIO filters).
 * P = output positions (batch · oh · ow), K = filter taps (kh · kw · ci), N = output channels.
 */

type ConvInfo = backend_util.Conv2DInfo;

function sizes(info: ConvInfo) {
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  return { positions, taps, channels: info.outChannels };
}

/** y[P, N] = col[P, K] · w[K, N]. */
export function conv2dForwardGemm(x: Float32Array, w: Float32Array, info: ConvInfo, y: Float32Array): void {
  const { positions, taps, channels } = sizes(info);
  const col = scratch(0, positions * taps);
  const wT = scratch(1, channels * taps);
  im2col(x, info, col);
  transpose2d(w, taps, channels, wT);
  gemmABt(col, wT, y, positions, channels, taps);
}

/** dw[K, N] = colᵀ[K, P] · dy[P, N]. */
export function conv2dFilterGradGemm(
  x: Float32Array,
  dy: Float32Array,
  info: ConvInfo,
  dw: Float32Array,
): void {
  const { positions, taps, channels } = sizes(info);
  const colT = scratch(0, taps * positions);
  const dyT = scratch(1, channels * positions);
  im2colTransposed(x, info, colT);
  transpose2d(dy, positions, channels, dyT);
  gemmABt(colT, dyT, dw, taps, channels, positions);
}

/** dcol[P, K] = dy[P, N] · wᵀ[N, K], then every patch added back into dx. */
export function conv2dInputGradGemm(
  dy: Float32Array,
  w: Float32Array,
  info: ConvInfo,
  dx: Float32Array,
): void {
  const { positions, taps, channels } = sizes(info);
  const dcol = scratch(0, positions * taps);
  gemmABt(dy, w, dcol, positions, taps, channels);
  col2im(dcol, info, dx);
}
