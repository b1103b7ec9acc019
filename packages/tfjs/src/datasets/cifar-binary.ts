import { formatError } from './errors.js';
import type { RawImages } from './types.js';

/**
 * CIFAR "binary version" records: label byte(s), then 3072 pixel bytes — the 1024 red values of the 32×32 image
 * row by row, then the 1024 green, then the 1024 blue. CIFAR-10 has one label byte; CIFAR-100 has two
 * (coarse label, then fine label).
 */
export interface CifarLayout {
  /** Label bytes before the pixels of each record: 1 (CIFAR-10) or 2 (CIFAR-100). */
  readonly labelBytes: 1 | 2;
  /** Which label byte to use: 0 for CIFAR-10 and CIFAR-100 coarse, 1 for CIFAR-100 fine. */
  readonly labelIndex: 0 | 1;
  readonly numClasses: number;
}

const SIDE = 32;
const PLANE = SIDE * SIDE;
const PIXELS = 3 * PLANE;

/** Reads the records of one or more CIFAR binary files (in order) into channels-last images. */
export function readCifarBinary(
  files: readonly { file: string; bytes: Uint8Array }[],
  layout: CifarLayout,
): RawImages {
  const recordBytes = layout.labelBytes + PIXELS;
  let count = 0;
  for (const { file, bytes } of files) {
    if (bytes.length === 0 || bytes.length % recordBytes !== 0) {
      throw formatError(
        file,
        `expected a whole number of ${recordBytes}-byte CIFAR records (${layout.labelBytes} label byte${
          layout.labelBytes > 1 ? 's' : ''
        } + 3072 pixels), got ${bytes.length} bytes`,
      );
    }
    count += bytes.length / recordBytes;
  }
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Int32Array(count);
  let n = 0;
  for (const { file, bytes } of files) {
    for (let offset = 0; offset < bytes.length; offset += recordBytes, n++) {
      const label = bytes[offset + layout.labelIndex] as number;
      if (label >= layout.numClasses) {
        throw formatError(
          file,
          `record ${offset / recordBytes} (byte ${offset + layout.labelIndex}): expected a label in [0, ${
            layout.numClasses
          }), got ${label}`,
        );
      }
      labels[n] = label;
      const source = offset + layout.labelBytes;
      const target = n * PIXELS;
      // planar RGB (CHW) -> interleaved (HWC)
      for (let p = 0; p < PLANE; p++) {
        const t = target + 3 * p;
        pixels[t] = bytes[source + p] as number;
        pixels[t + 1] = bytes[source + PLANE + p] as number;
        pixels[t + 2] = bytes[source + 2 * PLANE + p] as number;
      }
    }
  }
  return { pixels, labels, count };
}
