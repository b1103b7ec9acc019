import { readFile } from 'node:fs/promises';
import type { DatasetSpec } from './spec.js';
import { readSvhnMat } from './svhn-mat.js';

const STANFORD = 'http://ufldl.stanford.edu/housenumbers';

/** SVHN cropped digits, format 2 (the `extra_32x32.mat` part is not used). */
export const svhn: DatasetSpec = {
  name: 'svhn',
  title: 'SVHN (cropped digits, format 2)',
  homepage: 'http://ufldl.stanford.edu/housenumbers/',
  shape: [32, 32, 3],
  subdirs: [''],
  files: [
    { key: 'train', names: ['train_32x32.mat'] },
    { key: 'test', names: ['test_32x32.mat'] },
  ],
  downloads: [
    {
      urls: [`${STANFORD}/train_32x32.mat`],
      file: 'train_32x32.mat',
      checksum: { algorithm: 'md5', of: 'download', hex: 'e26dedcc434d2e4c54c9b2d4a06d8373' },
      bytes: 182_040_794,
    },
    {
      urls: [`${STANFORD}/test_32x32.mat`],
      file: 'test_32x32.mat',
      checksum: { algorithm: 'md5', of: 'download', hex: 'eb5a983be6a315427106f1b164d9cef3' },
      bytes: 64_275_384,
    },
  ],
  classNames: () => ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  async read(files) {
    const train = files.train as string;
    const test = files.test as string;
    return {
      train: readSvhnMat(await readFile(train), train),
      test: readSvhnMat(await readFile(test), test),
    };
  },
};
