/** The datasets `loadDataset` knows how to find, read and download. */
export const DATASET_NAMES = ['fashion-mnist', 'mnist', 'cifar10', 'cifar100', 'svhn'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Image shape as [height, width, channels]; examples are stored height-major, channels last (NHWC). */
export type ImageShape = readonly [height: number, width: number, channels: number];

/**
 * One split of a dataset. Plain typed arrays, so it can be transferred to a worker thread
 * (`postMessage(split, [split.x.buffer, split.y.buffer])`) or wrapped with `tf.tensor4d(x, [count, h, w, c])`.
 */
export interface DatasetSplit {
  /** `count × h × w × c` pixels, normalised as requested. */
  readonly x: Float32Array;
  /** `count` class indices in `[0, numClasses)`. */
  readonly y: Int32Array;
  readonly count: number;
}

/** Images as read from the files, before splitting and normalisation: one byte per pixel, NHWC. */
export interface RawImages {
  readonly pixels: Uint8Array;
  readonly labels: Int32Array;
  readonly count: number;
}

/** The official train and test parts of a dataset, as read from its files. */
export interface RawDataset {
  readonly train: RawImages;
  readonly test: RawImages;
}

/** How pixels (0..255) become numbers: `unit` divides by 255; `standard` subtracts the training split's per-channel mean and divides by its standard deviation. */
export type Normalization = 'unit' | 'standard';

export interface Dataset {
  readonly name: DatasetName;
  /** Drawn from the official training files. */
  readonly train: DatasetSplit;
  /** Held out from the official training files (never the test files): what the NAS measures fitness on. */
  readonly val: DatasetSplit;
  /** The official test files; absent when `testSize` is 0. */
  readonly test?: DatasetSplit;
  readonly shape: ImageShape;
  readonly numClasses: number;
  /** Class names in label order. */
  readonly classNames: readonly string[];
  /** The directory the files were read from. */
  readonly source: string;
  /**
   * How that directory was found: the `path` option, the cache, the system directory, a download into the cache
   * just now, or the subset embedded in `@penguin-nas/tfjs` (Fashion-MNIST only) when the full set is not there.
   */
  readonly foundBy: 'path option' | 'cache' | 'system' | 'download' | 'embedded';
  readonly normalization: {
    readonly kind: Normalization;
    /** Per-channel values subtracted (0 for `unit`). */
    readonly mean: readonly number[];
    /** Per-channel divisors (255 for `unit`). */
    readonly std: readonly number[];
  };
}
