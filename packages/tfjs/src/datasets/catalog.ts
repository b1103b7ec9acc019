import { cifar10, cifar100 } from './cifar-datasets.js';
import { fashionMnist, mnist } from './idx-datasets.js';
import type { DatasetSpec } from './spec.js';
import { svhn } from './svhn-dataset.js';
import type { DatasetName } from './types.js';

/** Every dataset `loadDataset` knows, by name. */
export const DATASETS: Readonly<Record<DatasetName, DatasetSpec>> = {
  'fashion-mnist': fashionMnist,
  mnist,
  cifar10,
  cifar100,
  svhn,
};
