import { readFile } from 'node:fs/promises';
import { formatError } from './errors.js';
import { gunzipIfNeeded } from './gzip.js';
import { readIdx } from './idx.js';
import type { DatasetSpec, RequiredFile } from './spec.js';
import type { RawImages } from './types.js';

const IDX_FILES = [
  ['trainImages', 'train-images-idx3-ubyte'],
  ['trainLabels', 'train-labels-idx1-ubyte'],
  ['testImages', 't10k-images-idx3-ubyte'],
  ['testLabels', 't10k-labels-idx1-ubyte'],
] as const;

/** Accepted as gzip or raw, and with the `train-images.idx3-ubyte` spelling some copies use. */
const REQUIRED: readonly RequiredFile[] = IDX_FILES.map(([key, base]) => {
  const dotted = base.replace(/-(idx\d)/, '.$1');
  return { key, names: [`${base}.gz`, base, `${dotted}.gz`, dotted] };
});

async function readPart(imagesFile: string, labelsFile: string, numClasses: number): Promise<RawImages> {
  const images = readIdx(gunzipIfNeeded(await readFile(imagesFile), imagesFile), imagesFile);
  const labels = readIdx(gunzipIfNeeded(await readFile(labelsFile), labelsFile), labelsFile);
  const [count = 0, h, w] = images.dims;
  if (images.dims.length !== 3 || h !== 28 || w !== 28) {
    throw formatError(
      imagesFile,
      `expected IDX images of shape [N, 28, 28], got [${images.dims.join(', ')}]`,
    );
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== count) {
    throw formatError(
      labelsFile,
      `expected IDX labels of shape [${count}] (one per image), got [${labels.dims.join(', ')}]`,
    );
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = labels.data[i] as number;
    if (label >= numClasses) {
      throw formatError(labelsFile, `label ${i}: expected a value in [0, ${numClasses}), got ${label}`);
    }
    out[i] = label;
  }
  return { pixels: images.data, labels: out, count };
}

function idxDataset(
  base: Pick<DatasetSpec, 'name' | 'title' | 'homepage' | 'downloads'> & {
    classNames: readonly string[];
    aptPackage?: string;
    verificationNote?: string;
  },
): DatasetSpec {
  const { classNames, ...rest } = base;
  return {
    ...rest,
    shape: [28, 28, 1],
    subdirs: ['', 'raw'],
    files: REQUIRED,
    classNames: () => classNames,
    async read(files) {
      const path = (key: string) => files[key] as string;
      return {
        train: await readPart(path('trainImages'), path('trainLabels'), classNames.length),
        test: await readPart(path('testImages'), path('testLabels'), classNames.length),
      };
    },
  };
}

/**
 * SHA-256 of the decompressed IDX files, computed from Debian's `dataset-fashion-mnist`; Debian rewrote the
 * gzip headers, so the compressed files differ from upstream while their content is identical.
 */
const FASHION_SHA256: Record<string, string> = {
  'train-images-idx3-ubyte': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  'train-labels-idx1-ubyte': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  't10k-images-idx3-ubyte': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  't10k-labels-idx1-ubyte': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
};

/** MD5 of the upstream .gz files, as published with MNIST and used by torchvision. */
const MNIST_MD5: Record<string, string> = {
  'train-images-idx3-ubyte': 'f68b3c2dcbeaaa9fbdd348bbdeb94873',
  'train-labels-idx1-ubyte': 'd53e105ee54ea40749a09fcbcd1e9432',
  't10k-images-idx3-ubyte': '9fb629c4189551a2d022fa330f9573f3',
  't10k-labels-idx1-ubyte': 'ec29112dd5afa0611ce80d1b7f02629c',
};

export const fashionMnist = idxDataset({
  name: 'fashion-mnist',
  title: 'Fashion-MNIST',
  homepage: 'https://github.com/zalandoresearch/fashion-mnist',
  aptPackage: 'dataset-fashion-mnist',
  classNames: [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
  downloads: IDX_FILES.map(([, base]) => ({
    urls: [
      `http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/${base}.gz`,
      `https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/${base}.gz`,
    ],
    file: `${base}.gz`,
    checksum: { algorithm: 'sha256', of: 'decompressed', hex: FASHION_SHA256[base] as string },
  })),
});

export const mnist = idxDataset({
  name: 'mnist',
  title: 'MNIST',
  homepage: 'http://yann.lecun.com/exdb/mnist/',
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  downloads: IDX_FILES.map(([, base]) => ({
    urls: [
      `https://ossci-datasets.s3.amazonaws.com/mnist/${base}.gz`,
      `http://yann.lecun.com/exdb/mnist/${base}.gz`,
    ],
    file: `${base}.gz`,
    checksum: { algorithm: 'md5', of: 'download', hex: MNIST_MD5[base] as string },
  })),
});
