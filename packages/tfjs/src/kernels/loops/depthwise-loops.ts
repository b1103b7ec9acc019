import type { backend_util } from '@tensorflow/tfjs';

type ConvInfo = backend_util.Conv2DInfo;

/**
 * Depthwise convolution gradients (filter [kh, kw, ci, multiplier], output channel ci·multiplier + m)
 * as plain loops over NHWC Float32Arrays; `info` comes from computeConv2DInfo(..., depthwise = true).
 */

/** dW[kh, kw, c, m] = Σ_{b, oy, ox} x[b, iy, ix, c] · dy[b, oy, ox, c·mult + m]. */
export function depthwiseFilterGradLoop(
  x: Float32Array,
  dy: Float32Array,
  info: ConvInfo,
  dw: Float32Array,
): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
  const multiplier = co / ci;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  dw.fill(0);
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * inWidth * ci;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const dyOffset = ((b * outHeight + oy) * outWidth + ox) * co;
        for (let i = 0; i < filterHeight; i++) {
          const iy = oy * strideHeight + i * dilationHeight - padTop;
          if (iy < 0 || iy >= inHeight) continue;
          for (let j = 0; j < filterWidth; j++) {
            const ix = ox * strideWidth + j * dilationWidth - padLeft;
            if (ix < 0 || ix >= inWidth) continue;
            const xOffset = xBatch + (iy * inWidth + ix) * ci;
            const wOffset = (i * filterWidth + j) * co;
            for (let c = 0; c < ci; c++) {
              const a = x[xOffset + c] as number;
              const channel = c * multiplier;
              for (let m = 0; m < multiplier; m++) {
                dw[wOffset + channel + m] =
                  (dw[wOffset + channel + m] as number) + a * (dy[dyOffset + channel + m] as number);
              }
            }
          }
        }
      }
    }
  }
}

/** dx[b, iy, ix, c] = Σ over covering windows and m of w[kh, kw, c, m] · dy[b, oy, ox, c·mult + m]. */
export function depthwiseInputGradLoop(
  dy: Float32Array,
  w: Float32Array,
  info: ConvInfo,
  dx: Float32Array,
): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
  const multiplier = co / ci;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  dx.fill(0);
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * inWidth * ci;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const dyOffset = ((b * outHeight + oy) * outWidth + ox) * co;
        for (let i = 0; i < filterHeight; i++) {
          const iy = oy * strideHeight + i * dilationHeight - padTop;
          if (iy < 0 || iy >= inHeight) continue;
          for (let j = 0; j < filterWidth; j++) {
            const ix = ox * strideWidth + j * dilationWidth - padLeft;
            if (ix < 0 || ix >= inWidth) continue;
            const xOffset = xBatch + (iy * inWidth + ix) * ci;
            const wOffset = (i * filterWidth + j) * co;
            for (let c = 0; c < ci; c++) {
              const channel = c * multiplier;
              let sum = 0;
              for (let m = 0; m < multiplier; m++) {
                sum += (w[wOffset + channel + m] as number) * (dy[dyOffset + channel + m] as number);
              }
              dx[xOffset + c] = (dx[xOffset + c] as number) + sum;
            }
          }
        }
      }
    }
  }
}
