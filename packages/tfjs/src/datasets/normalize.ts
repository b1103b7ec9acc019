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
  const shift = Float32Array.from(stats.mean);
  const scale = Float32Array.from(stats.std, (s) => 1 / s);
  indices.forEach((index, n) => {
    y[n] = raw.labels[index] as number;
    const from = index * pixelsPerImage;
    const to = n * pixelsPerImage;
    for (let p = 0; p < pixelsPerImage; p++) {
      const c = p % channels;
      x[to + p] = ((raw.pixels[from + p] as number) - (shift[c] as number)) * (scale[c] as number);
    }
  });
  return { x, y, count: indices.length };
}
