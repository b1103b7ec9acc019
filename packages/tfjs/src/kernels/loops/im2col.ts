import type { backend_util } from '@tensorflow/tfjs';

type ConvInfo = backend_util.Conv2DInfo;

/**
 * Patch matrices of a convolution over NHWC input. A patch is the receptive field of one output
 * position, flattened in filter order (kh, kw, ci), with zeros where it falls in the padding.
 */

/** col[position, (kh, kw, ci)], positions in output order (b, oy, ox). */
export function im2col(x: Float32Array, info: ConvInfo, col: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * inWidth * ci;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        for (let i = 0; i < filterHeight; i++) {
          const iy = oy * strideHeight + i * dilationHeight - padTop;
          const rowInside = iy >= 0 && iy < inHeight;
          for (let j = 0; j < filterWidth; j++) {
            const ix = ox * strideWidth + j * dilationWidth - padLeft;
            if (rowInside && ix >= 0 && ix < inWidth) {
              const from = xBatch + (iy * inWidth + ix) * ci;
              for (let c = 0; c < ci; c++) col[o++] = x[from + c] as number;
            } else {
              for (let c = 0; c < ci; c++) col[o++] = 0;
            }
          }
        }
      }
    }
  }
}

/** colT[(kh, kw, ci), position]: the transposed patch matrix, each row one filter tap over all positions. */
export function im2colTransposed(x: Float32Array, info: ConvInfo, colT: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const positions = batchSize * outHeight * outWidth;
  const step = strideWidth * ci;
  for (let j = 0; j < filterWidth; j++) {
    // output columns whose tap j lands inside the input: [first, end)
    const shift = j * dilationWidth - padLeft;
    const first = Math.min(outWidth, Math.max(0, Math.ceil(-shift / strideWidth)));
    const end = Math.max(first, Math.min(outWidth, Math.floor((inWidth - 1 - shift) / strideWidth) + 1));
    for (let i = 0; i < filterHeight; i++) {
      for (let c = 0; c < ci; c++) {
        let o = ((i * filterWidth + j) * ci + c) * positions;
        for (let b = 0; b < batchSize; b++) {
          for (let oy = 0; oy < outHeight; oy++) {
            const iy = oy * strideHeight + i * dilationHeight - padTop;
            if (iy < 0 || iy >= inHeight) {
              colT.fill(0, o, o + outWidth);
              o += outWidth;
              continue;
            }
            colT.fill(0, o, o + first);
            let from = ((b * inHeight + iy) * inWidth + first * strideWidth + shift) * ci + c;
            for (let ox = first; ox < end; ox++, from += step) colT[o + ox] = x[from] as number;
            colT.fill(0, o + end, o + outWidth);
            o += outWidth;
          }
        }
      }
    }
  }
}

/** dx += the patches of `dcol` ([position, (kh, kw, ci)]) added back where they came from. */
export function col2im(dcol: Float32Array, info: ConvInfo, dx: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  dx.fill(0);
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * inWidth * ci;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        for (let i = 0; i < filterHeight; i++) {
          const iy = oy * strideHeight + i * dilationHeight - padTop;
          const rowInside = iy >= 0 && iy < inHeight;
          for (let j = 0; j < filterWidth; j++) {
            const ix = ox * strideWidth + j * dilationWidth - padLeft;
            if (rowInside && ix >= 0 && ix < inWidth) {
              const to = xBatch + (iy * inWidth + ix) * ci;
              for (let c = 0; c < ci; c++) dx[to + c] = (dx[to + c] as number) + (dcol[o++] as number);
            } else {
              o += ci;
            }
          }
        }
      }
    }
  }
}

/** dst[c, r] = src[r, c] for a rows × cols matrix, in tiles so both sides stay in cache. */
export function transpose2d(src: Float32Array, rows: number, cols: number, dst: Float32Array): void {
  const TILE = 32;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(cols, c0 + TILE);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) dst[c * rows + r] = src[r * cols + c] as number;
      }
    }
  }
}
