import { formatError } from './errors.js';
import { readMat5 } from './mat5.js';
import type { RawImages } from './types.js';

const SIDE = 32;
const PIXELS = SIDE * SIDE * 3;

/**
 * SVHN cropped digits, format 2 (`train_32x32.mat`, `test_32x32.mat`): a uint8 array `X` of size
 * 32×32×3×N (row, column, channel, image; column-major) and labels `y` of size N×1 in 1..10, where 10 is the
 * digit 0. Returns channels-last images with labels 0..9 (the digit itself).
 */
export function readSvhnMat(bytes: Uint8Array, file: string): RawImages {
  const { arrays, skipped } = readMat5(bytes, file);
  const x = arrays.get('X');
  const y = arrays.get('y');
  const present =
    [...arrays.keys(), ...[...skipped].map(([name, kind]) => `${name} (${kind})`)].join(', ') || 'none';
  if (!x || !y) {
    throw formatError(file, `expected SVHN variables 'X' (uint8 32×32×3×N) and 'y' (N×1), found: ${present}`);
  }
  const [h, w, c, count = 1] = x.dims;
  if (x.className !== 'uint8' || h !== SIDE || w !== SIDE || c !== 3 || x.dims.length > 4) {
    throw formatError(
      file,
      `expected 'X' to be uint8 of size 32×32×3×N, got ${x.className} of size ${x.dims.join('×')}`,
    );
  }
  if (y.values.length !== count) {
    throw formatError(
      file,
      `expected 'y' to hold ${count} labels (one per image of 'X'), got ${y.values.length}`,
    );
  }
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const label = y.values[n] as number;
    if (!Number.isInteger(label) || label < 1 || label > 10) {
      throw formatError(file, `'y' entry ${n}: expected a label in 1..10 (10 is the digit 0), got ${label}`);
    }
    labels[n] = label === 10 ? 0 : label;
  }
  const source = x.values instanceof Uint8Array ? x.values : Uint8Array.from(x.values);
  const pixels = new Uint8Array(count * PIXELS);
  // X(row, col, ch, n) sits at row + 32·col + 1024·ch + 3072·n; the output is n, row, col, ch.
  const rowStride = SIDE * 3;
  for (let n = 0; n < count; n++) {
    const base = n * PIXELS;
    let from = base;
    for (let ch = 0; ch < 3; ch++) {
      for (let col = 0; col < SIDE; col++) {
        let to = base + col * 3 + ch;
        for (let row = 0; row < SIDE; row++, to += rowStride) pixels[to] = source[from++] as number;
      }
    }
  }
  return { pixels, labels, count };
}
