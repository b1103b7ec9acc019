export { DATASETS } from './catalog.js';
export { type CifarLayout, readCifarBinary } from './cifar-binary.js';
export { CIFAR100_COARSE, CIFAR100_FINE } from './cifar-datasets.js';
export { downloadDataset, verifyDownload } from './download.js';
export { DatasetError, type DatasetErrorKind } from './errors.js';
export { type IdxArray, readIdx } from './idx.js';
export { loadDataset } from './load-dataset.js';
export { cacheRoot, DEFAULT_SYSTEM_DIR, findFiles } from './locate.js';
export { type MatArray, type MatNumericClass, type MatValues, readMat5 } from './mat5.js';
export {
  type DatasetConfig,
  type DatasetEnvironment,
  datasetConfigSchema,
  type FetchLike,
  type FetchResponseLike,
  type LoadDatasetOptions,
  type ResolvedDatasetOptions,
  resolveDatasetOptions,
} from './options.js';
export type { Checksum, DatasetSpec, RemoteFile, RequiredFile } from './spec.js';
export { readSvhnMat } from './svhn-mat.js';
export { readTarMembers } from './tar.js';
export {
  DATASET_NAMES,
  type Dataset,
  type DatasetName,
  type DatasetSplit,
  type ImageShape,
  type Normalization,
  type RawDataset,
  type RawImages,
} from './types.js';
