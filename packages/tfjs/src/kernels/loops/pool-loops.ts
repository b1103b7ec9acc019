import type { backend_util } from '@tensorflow/tfjs';

type PoolInfo = backend_util.Conv2DInfo;

/**
 * Max-pool gradient: each dy value goes to the first maximum of its window (row-major window order,
 * strict `>`), exactly the position the stock cpu kernel picks, so ties (common after ReLU) agree.
 * A window inside the input keeps each channel's running maximum in registers; a window cut by the
 * padding is scanned pixel by pixel with all channels at once.
 */
export function maxPoolGradLoop(dy: Float32Array, x: Float32Array, info: PoolInfo, dx: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const { effectiveFilterHeight, effectiveFilterWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const best = new Float32Array(channels);
  const bestOffset = new Int32Array(channels);
  dx.fill(0);
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * inWidth * channels;
    for (let oy = 0; oy < outHeight; oy++) {
      const rowCorner = oy * strideHeight - padTop;
      let rowMin = rowCorner;
      while (rowMin < 0) rowMin += dilationHeight;
      const rowMax = Math.min(inHeight, rowCorner + effectiveFilterHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        const colCorner = ox * strideWidth - padLeft;
        let colMin = colCorner;
        while (colMin < 0) colMin += dilationWidth;
        const colMax = Math.min(inWidth, colCorner + effectiveFilterWidth);
        const dyOffset = ((b * outHeight + oy) * outWidth + ox) * channels;
        const inside = rowMin === rowCorner && colMin === colCorner;
        const fullRows = rowMax - rowCorner === effectiveFilterHeight;
        const fullCols = colMax - colCorner === effectiveFilterWidth;
        if (inside && fullRows && fullCols) {
          // the whole window lies inside the input: keep each channel's running maximum in registers
          const first = xBatch + (rowMin * inWidth + colMin) * channels;
          if (effectiveFilterHeight === 2 && effectiveFilterWidth === 2) {
            maxOf2x2(x, dy, dx, first, first + inWidth * channels, dyOffset, channels);
            continue;
          }
          for (let c = 0; c < channels; c++) {
            let bestValue = Number.NEGATIVE_INFINITY;
            let at = -1;
            for (let row = 0; row < effectiveFilterHeight; row += dilationHeight) {
              const rowOffset = first + row * inWidth * channels + c;
              for (let col = 0; col < effectiveFilterWidth; col += dilationWidth) {
                const value = x[rowOffset + col * channels] as number;
                if (value > bestValue) {
                  bestValue = value;
                  at = rowOffset + col * channels;
                }
              }
            }
            if (at >= 0) dx[at] = (dx[at] as number) + (dy[dyOffset + c] as number);
          }
          continue;
        }
        best.fill(Number.NEGATIVE_INFINITY);
        bestOffset.fill(-1);
        for (let row = rowMin; row < rowMax; row += dilationHeight) {
          for (let col = colMin; col < colMax; col += dilationWidth) {
            const xOffset = xBatch + (row * inWidth + col) * channels;
            for (let c = 0; c < channels; c++) {
              const value = x[xOffset + c] as number;
              if (value > (best[c] as number)) {
                best[c] = value;
                bestOffset[c] = xOffset + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++) {
          const offset = bestOffset[c] as number;
          if (offset >= 0) dx[offset] = (dx[offset] as number) + (dy[dyOffset + c] as number);
        }
      }
    }
  }
}

/** The 2×2 window starting at `top` (row below: `bottom`), unrolled: the most common pool by far. */
function maxOf2x2(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  top: number,
  bottom: number,
  dyOffset: number,
  channels: number,
): void {
  for (let c = 0; c < channels; c++) {
    // same rule as the general loop: start below everything, strict `>`, so NaN never wins
    let best = Number.NEGATIVE_INFINITY;
    let at = -1;
    let value = x[top + c] as number;
    if (value > best) {
      best = value;
      at = top + c;
    }
    value = x[top + channels + c] as number;
    if (value > best) {
      best = value;
      at = top + channels + c;
    }
    value = x[bottom + c] as number;
    if (value > best) {
      best = value;
      at = bottom + c;
    }
    value = x[bottom + channels + c] as number;
    if (value > best) at = bottom + channels + c;
    if (at >= 0) dx[at] = (dx[at] as number) + (dy[dyOffset + c] as number);
  }
}

/**
 * Average-pool gradient: each dy value is spread evenly over its window; the divisor is the full filter
 * area (padding included), as the stock kernels do.
 */
export function avgPoolGradLoop(dy: Float32Array, info: PoolInfo, dx: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const { effectiveFilterHeight, effectiveFilterWidth, filterHeight, filterWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const scale = 1 / (filterHeight * filterWidth);
  dx.fill(0);
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * inWidth * channels;
    for (let oy = 0; oy < outHeight; oy++) {
      const rowCorner = oy * strideHeight - padTop;
      let rowMin = rowCorner;
      while (rowMin < 0) rowMin += dilationHeight;
      const rowMax = Math.min(inHeight, rowCorner + effectiveFilterHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        const colCorner = ox * strideWidth - padLeft;
        let colMin = colCorner;
        while (colMin < 0) colMin += dilationWidth;
        const colMax = Math.min(inWidth, colCorner + effectiveFilterWidth);
        const dyOffset = ((b * outHeight + oy) * outWidth + ox) * channels;
        for (let row = rowMin; row < rowMax; row += dilationHeight) {
          for (let col = colMin; col < colMax; col += dilationWidth) {
            const xOffset = xBatch + (row * inWidth + col) * channels;
            for (let c = 0; c < channels; c++)
              dx[xOffset + c] = (dx[xOffset + c] as number) + (dy[dyOffset + c] as number) * scale;
          }
        }
      }
    }
  }
}
