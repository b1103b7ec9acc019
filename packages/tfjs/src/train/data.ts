import type * as tfjs from '@tensorflow/tfjs';
import { defaultTf, type TF } from '../tf.js';

/** One split: `count` examples of `shape`, NHWC, and their class indices (the datasets module's `DatasetSplit`). */
export interface Split {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly count: number;
}

/** What training needs; `Dataset` from `loadDataset` is one. */
export interface TrainingData {
  readonly train: Split;
  readonly val: Split;
  /** Shape of one example, e.g. [28, 28, 1]. */
  readonly shape: readonly number[];
  readonly numClasses: number;
}

/** Checks sizes and labels so a bad dataset fails before training, with the field at fault. */
export function assertTrainingData(data: TrainingData, where = 'dataset'): void {
  const size = data.shape.reduce((a, b) => a * b, 1);
  if (!data.shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new RangeError(`${where}.shape: expected positive integers, got ${JSON.stringify(data.shape)}`);
  }
  for (const key of ['train', 'val'] as const) {
    const split = data[key];
    if (!Number.isInteger(split.count) || split.count < 1) {
      throw new RangeError(`${where}.${key}.count: expected an integer >= 1, got ${split.count}`);
    }
    if (split.x.length !== split.count * size) {
      throw new RangeError(
        `${where}.${key}.x: expected ${split.count} × ${size} = ${split.count * size} values, got ${split.x.length}`,
      );
    }
    if (split.y.length !== split.count) {
      throw new RangeError(`${where}.${key}.y: expected ${split.count} labels, got ${split.y.length}`);
    }
    const bad = split.y.findIndex((label) => label < 0 || label >= data.numClasses);
    if (bad >= 0) {
      throw new RangeError(
        `${where}.${key}.y[${bad}]: expected a class index in [0, ${data.numClasses}), got ${split.y[bad]}`,
      );
    }
  }
}

/** Copies the examples at `indices` into a batch of tensors. */
export function gatherBatch(
  split: Split,
  shape: readonly number[],
  indices: ArrayLike<number>,
  tf: TF = defaultTf,
): { x: tfjs.Tensor; y: tfjs.Tensor1D } {
  const size = shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(indices.length * size);
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i] as number;
    x.set(split.x.subarray(j * size, (j + 1) * size), i * size);
    y[i] = split.y[j] as number;
  }
  return { x: tf.tensor(x, [indices.length, ...shape]), y: tf.tensor1d(y, 'int32') };
}
