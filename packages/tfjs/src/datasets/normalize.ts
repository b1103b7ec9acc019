import type { DatasetSplit, Normalization, RawImages } from './types.js';

export interface ChannelStats {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** The per-channel shift and scale for a normalisation; `standard` is measured on the given (training) examples. */
export function channelStats(
  kind: Normalization,
  raw: RawImages,
  indices: readonly number[],
  channels: number,
): ChannelStats {
  if (kind === 'unit') return { mean: Array(channels).fill(0), std: Array(channels).fill(255) };
  const pixelsPerImage = raw.pixels.length / raw.count;
  const sum = new Float64Array(channels);
  const sumSquares = new Float64Array(channels);
  for (const index of indices) {
    const start = index * pixelsPerImage;
    for (let p = 0; p < pixelsPerImage; p++) {
      const value = raw.pixels[start + p] as number;
      const c = p % channels;
      sum[c] = (sum[c] as number) + value;
      sumSquares[c] = (sumSquares[c] as number) + value * value;
    }
  }
  const n = (indices.length * pixelsPerImage) / channels;
  const mean = Array.from(sum, (s) => s / n);
  // a constant channel keeps scale 1 rather than dividing by zero
  const std = Array.from(sumSquares, (s, c) => Math.sqrt(Math.max(s / n - (mean[c] as number) ** 2, 0)) || 1);
  return { mean, std };
}

/** The examples at `indices`, in that order, as a normalised split (in SharedArrayBuffers when `shared`). */
export function gatherSplit(
  raw: RawImages,
  indices: readonly number[],
  stats: ChannelStats,
  shared = false,
): DatasetSplit {
  const pixelsPerImage = raw.pixels.length / raw.count;
  const channels = stats.mean.length;
  const bytes = (n: number) => (shared ? new SharedArrayBuffer(n * 4) : new ArrayBuffer(n * 4));
  const x = new Float32Array(bytes(indices.length * pixelsPerImage));
  const y = new Int32Array(bytes(indices.length));
  // one lookup table per channel: pixel value -> normalised value
  const table = new Float32Array(256 * channels);
  for (let c = 0; c < channels; c++) {
    for (let v = 0; v < 256; v++)
      table[c * 256 + v] = (v - (stats.mean[c] as number)) / (stats.std[c] as number);
  }
  const pixels = raw.pixels;
  for (let n = 0; n < indices.length; n++) {
    const index = indices[n] as number;
    y[n] = raw.labels[index] as number;
    const from = index * pixelsPerImage;
    const to = n * pixelsPerImage;
    for (let c = 0; c < channels; c++) {
      const offset = c * 256;
      for (let p = c; p < pixelsPerImage; p += channels)
        x[to + p] = table[offset + (pixels[from + p] as number)] as number;
    }
  }
  return { x, y, count: indices.length };
}
