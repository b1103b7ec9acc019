import { createRng } from '@penguin-nas/core';
import type { TrainingData } from '../../src/train/data.js';

/**
 * A small learnable task: images of `shape` whose class is the quadrant (of 4) with the brightest mean, plus noise.
 * Returns plain typed arrays like `loadDataset` does.
 */
export function quadrantData(
  trainCount: number,
  valCount: number,
  shape: [number, number, number] = [8, 8, 1],
  seed = 1,
): TrainingData {
  const rng = createRng(seed);
  const [h, w, c] = shape;
  const make = (count: number) => {
    const x = new Float32Array(count * h * w * c);
    const y = new Int32Array(count);
    for (let n = 0; n < count; n++) {
      const label = rng.int(0, 3);
      y[n] = label;
      for (let i = 0; i < h; i++) {
        for (let j = 0; j < w; j++) {
          const quadrant = (i < h / 2 ? 0 : 2) + (j < w / 2 ? 0 : 1);
          for (let k = 0; k < c; k++) {
            x[((n * h + i) * w + j) * c + k] = (quadrant === label ? 0.8 : 0.2) + 0.3 * rng.normal();
          }
        }
      }
    }
    return { x, y, count };
  };
  return { train: make(trainCount), val: make(valCount), shape, numClasses: 4 };
}
