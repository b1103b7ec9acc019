import type { backend_util } from '@tensorflow/tfjs';

/**
 * Convolution gradients as plain loops over NHWC Float32Arrays (filters HWIO). Each loop walks the output
 * positions in memory order and keeps the innermost loop on contiguous channels, so every read and write
 * is sequential; no per-element index arithmetic beyond one offset per window row.
 */

type ConvInfo = backend_util.Conv2DInfo;

/** dW[kh, kw, ci, co] = Σ_{b, oy, ox} x[b, oy·s + kh·d − pad, ox·s + kw·d − pad, ci] · dy[b, oy, ox, co]. */
export function conv2dFilterGradLoop(
  x: Float32Array,
  dy: Float32Array,
  info: ConvInfo,
  dw: Float32Array,
): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
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
            let wOffset = (i * filterWidth + j) * ci * co;
            for (let c = 0; c < ci; c++, wOffset += co) {
              const a = x[xOffset + c] as number;
              if (a === 0) continue;
              for (let o = 0; o < co; o++)
                dw[wOffset + o] = (dw[wOffset + o] as number) + a * (dy[dyOffset + o] as number);
            }
          }
        }
      }
    }
  }
}

/** dx[b, iy, ix, ci] = Σ over the windows covering (iy, ix) of w[kh, kw, ci, ·] · dy[b, oy, ox, ·]. */
export function conv2dInputGradLoop(
  dy: Float32Array,
  w: Float32Array,
  info: ConvInfo,
  dx: Float32Array,
): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
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
            let wOffset = (i * filterWidth + j) * ci * co;
            for (let c = 0; c < ci; c++, wOffset += co) {
              let sum = 0;
              for (let o = 0; o < co; o++) sum += (w[wOffset + o] as number) * (dy[dyOffset + o] as number);
              dx[xOffset + c] = (dx[xOffset + c] as number) + sum;
            }
          }
        }
      }
    }
  }
}

/** y[b, oy, ox, co] = Σ x[b, oy·s + kh·d − pad, ox·s + kw·d − pad, ci] · w[kh, kw, ci, co]. */
export function conv2dForwardLoop(x: Float32Array, w: Float32Array, info: ConvInfo, y: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  y.fill(0);
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * inWidth * ci;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const yOffset = ((b * outHeight + oy) * outWidth + ox) * co;
        for (let i = 0; i < filterHeight; i++) {
          const iy = oy * strideHeight + i * dilationHeight - padTop;
          if (iy < 0 || iy >= inHeight) continue;
          for (let j = 0; j < filterWidth; j++) {
            const ix = ox * strideWidth + j * dilationWidth - padLeft;
            if (ix < 0 || ix >= inWidth) continue;
            const xOffset = xBatch + (iy * inWidth + ix) * ci;
            let wOffset = (i * filterWidth + j) * ci * co;
            for (let c = 0; c < ci; c++, wOffset += co) {
              const a = x[xOffset + c] as number;
              if (a === 0) continue;
              for (let o = 0; o < co; o++)
                y[yOffset + o] = (y[yOffset + o] as number) + a * (w[wOffset + o] as number);
            }
          }
        }
      }
    }
  }
}
