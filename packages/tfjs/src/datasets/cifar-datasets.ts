import { readFile } from 'node:fs/promises';
import { readCifarBinary } from './cifar-binary.js';
import type { DatasetSpec } from './spec.js';

const TORONTO = 'https://www.cs.toronto.edu/~kriz';
const CIFAR10_BATCH_BYTES = 10_000 * 3073;

async function readAll(paths: readonly string[]): Promise<{ file: string; bytes: Uint8Array }[]> {
  return Promise.all(paths.map(async (file) => ({ file, bytes: await readFile(file) })));
}

const CIFAR10_TRAIN = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);

export const cifar10: DatasetSpec = {
  name: 'cifar10',
  title: 'CIFAR-10 (binary version)',
  homepage: 'https://www.cs.toronto.edu/~kriz/cifar.html',
  shape: [32, 32, 3],
  subdirs: ['', 'cifar-10-batches-bin'],
  files: [...CIFAR10_TRAIN, 'test_batch.bin'].map((name) => ({ key: name, names: [name] })),
  downloads: [
    {
      urls: [`${TORONTO}/cifar-10-binary.tar.gz`],
      file: 'cifar-10-binary.tar.gz',
      // MD5 as published on the dataset's page.
      checksum: { algorithm: 'md5', of: 'download', hex: 'c32a1d4ab5d03f1284b67883e8d87530' },
      bytes: 170_052_171,
      extract: [...CIFAR10_TRAIN, 'test_batch.bin'].map((name) => ({
        member: `cifar-10-batches-bin/${name}`,
        file: name,
        bytes: CIFAR10_BATCH_BYTES,
      })),
    },
  ],
  classNames: () => [
    'airplane',
    'automobile',
    'bird',
    'cat',
    'deer',
    'dog',
    'frog',
    'horse',
    'ship',
    'truck',
  ],
  async read(files) {
    const layout = { labelBytes: 1, labelIndex: 0, numClasses: 10 } as const;
    return {
      train: readCifarBinary(await readAll(CIFAR10_TRAIN.map((key) => files[key] as string)), layout),
      test: readCifarBinary(await readAll([files['test_batch.bin'] as string]), layout),
    };
  },
};

/** CIFAR-100 class names in label order (the archive's fine_label_names.txt and coarse_label_names.txt). */
export const CIFAR100_FINE = (
  'apple aquarium_fish baby bear beaver bed bee beetle bicycle bottle bowl boy bridge bus butterfly camel can ' +
  'castle caterpillar cattle chair chimpanzee clock cloud cockroach couch crab crocodile cup dinosaur dolphin ' +
  'elephant flatfish forest fox girl hamster house kangaroo keyboard lamp lawn_mower leopard lion lizard lobster ' +
  'man maple_tree motorcycle mountain mouse mushroom oak_tree orange orchid otter palm_tree pear pickup_truck ' +
  'pine_tree plain plate poppy porcupine possum rabbit raccoon ray road rocket rose sea seal shark shrew skunk ' +
  'skyscraper snail snake spider squirrel streetcar sunflower sweet_pepper table tank telephone television tiger ' +
  'tractor train trout tulip turtle wardrobe whale willow_tree wolf woman worm'
).split(' ');

export const CIFAR100_COARSE = (
  'aquatic_mammals fish flowers food_containers fruit_and_vegetables household_electrical_devices ' +
  'household_furniture insects large_carnivores large_man-made_outdoor_things large_natural_outdoor_scenes ' +
  'large_omnivores_and_herbivores medium_mammals non-insect_invertebrates people reptiles small_mammals trees ' +
  'vehicles_1 vehicles_2'
).split(' ');

export const cifar100: DatasetSpec = {
  name: 'cifar100',
  title: 'CIFAR-100 (binary version)',
  homepage: 'https://www.cs.toronto.edu/~kriz/cifar.html',
  shape: [32, 32, 3],
  subdirs: ['', 'cifar-100-binary'],
  files: ['train.bin', 'test.bin'].map((name) => ({ key: name, names: [name] })),
  downloads: [
    {
      urls: [`${TORONTO}/cifar-100-binary.tar.gz`],
      file: 'cifar-100-binary.tar.gz',
      // MD5 as published on the dataset's page.
      checksum: { algorithm: 'md5', of: 'download', hex: '03b5dce01913d631647c71ecec9e9cb8' },
      bytes: 168_513_733,
      extract: [
        { member: 'cifar-100-binary/train.bin', file: 'train.bin', bytes: 50_000 * 3074 },
        { member: 'cifar-100-binary/test.bin', file: 'test.bin', bytes: 10_000 * 3074 },
      ],
    },
  ],
  classNames: (labels) => (labels === 'coarse' ? CIFAR100_COARSE : CIFAR100_FINE),
  async read(files, labels) {
    const layout =
      labels === 'coarse'
        ? ({ labelBytes: 2, labelIndex: 0, numClasses: 20 } as const)
        : ({ labelBytes: 2, labelIndex: 1, numClasses: 100 } as const);
    return {
      train: readCifarBinary(await readAll([files['train.bin'] as string]), layout),
      test: readCifarBinary(await readAll([files['test.bin'] as string]), layout),
    };
  },
};
