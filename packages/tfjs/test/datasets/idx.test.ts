import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset, readIdx } from '../../src/datasets/index.js';
import { cyclingLabels, idxBytes, pixelAt, tempDir, writeIdxDataset } from './fixtures.js';

describe('readIdx', () => {
  it('reads the dimensions and the values after the header', () => {
    const parsed = readIdx(idxBytes([2, 3], [1, 2, 3, 4, 5, 6]), 'a.idx');
    expect(parsed.dims).toEqual([2, 3]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a file that is not IDX, naming the file', () => {
    expect(() => readIdx(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'x/images.idx')).toThrow(
      'x/images.idx: expected an IDX file starting with 00 00, got 0x50 0x4b',
    );
  });

  it('rejects data types other than unsigned bytes', () => {
    const bytes = idxBytes([1], [0]);
    bytes[2] = 0x0d;
    expect(() => readIdx(bytes, 'f.idx')).toThrow(
      'f.idx: expected IDX unsigned-byte data (type 0x08), got type 0x0d',
    );
  });

  it('rejects a truncated file, with the expected and actual sizes', () => {
    const bytes = idxBytes([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]).subarray(0, 20);
    expect(() => readIdx(bytes, 'f.idx')).toThrow(
      'f.idx: expected 24 bytes for an IDX array of shape [2, 2, 2], got 20',
    );
  });
});

describe('loadDataset: IDX datasets', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp.cleanup());

  for (const gzip of [true, false]) {
    it(`reads MNIST-format files ${gzip ? 'gzip-compressed' : 'uncompressed'} from an explicit path`, async () => {
      tmp = tempDir();
      writeIdxDataset(tmp.write, 'mnist', cyclingLabels(40, 10), cyclingLabels(10, 10, 3), gzip);
      const data = await loadDataset({ name: 'mnist', path: `${tmp.dir}/mnist`, valSize: 10, seed: 1 });
      expect(data.shape).toEqual([28, 28, 1]);
      expect(data.numClasses).toBe(10);
      expect([data.train.count, data.val.count, data.test?.count]).toEqual([30, 10, 10]);
      expect(data.foundBy).toBe('path option');
      // the official test part keeps its order: image n has label (n + 3) % 10 and pixels pixelAt(n, …)
      const test = data.test!;
      expect(Array.from(test.y)).toEqual(cyclingLabels(10, 10, 3));
      expect(test.x[5 * 784 + 2 * 28 + 9]).toBeCloseTo(pixelAt(5, 2, 9, 0) / 255, 6);
    });
  }

  it('accepts the train-images.idx3-ubyte spelling and a raw/ subdirectory', async () => {
    tmp = tempDir();
    writeIdxDataset(tmp.write, 'fm/raw', cyclingLabels(20, 10), cyclingLabels(10, 10), false);
    const { renameSync } = await import('node:fs');
    renameSync(`${tmp.dir}/fm/raw/train-images-idx3-ubyte`, `${tmp.dir}/fm/raw/train-images.idx3-ubyte`);
    const data = await loadDataset({ name: 'fashion-mnist', path: `${tmp.dir}/fm`, valSize: 10 });
    expect(data.source).toBe(`${tmp.dir}/fm/raw`);
    expect(data.classNames[9]).toBe('Ankle boot');
  });

  it('rejects a label outside [0, 10), naming the file and the example', async () => {
    tmp = tempDir();
    const labels = cyclingLabels(20, 10);
    labels[7] = 12;
    writeIdxDataset(tmp.write, 'm', labels, cyclingLabels(10, 10), true);
    await expect(loadDataset({ name: 'mnist', path: `${tmp.dir}/m` })).rejects.toThrow(
      `${tmp.dir}/m/train-labels-idx1-ubyte.gz: label 7: expected a value in [0, 10), got 12`,
    );
  });

  it('rejects images that are not 28×28 and labels whose count differs from the images', async () => {
    tmp = tempDir();
    writeIdxDataset(tmp.write, 'a', cyclingLabels(20, 10), cyclingLabels(10, 10), false);
    tmp.write('a/t10k-images-idx3-ubyte', idxBytes([10, 27, 28], new Uint8Array(10 * 27 * 28)));
    await expect(loadDataset({ name: 'mnist', path: `${tmp.dir}/a` })).rejects.toThrow(
      `${tmp.dir}/a/t10k-images-idx3-ubyte: expected IDX images of shape [N, 28, 28], got [10, 27, 28]`,
    );
    writeIdxDataset(tmp.write, 'b', cyclingLabels(20, 10), cyclingLabels(10, 10), false);
    tmp.write('b/train-labels-idx1-ubyte', gzipSync(idxBytes([19], cyclingLabels(19, 10))));
    await expect(loadDataset({ name: 'mnist', path: `${tmp.dir}/b` })).rejects.toThrow(
      `${tmp.dir}/b/train-labels-idx1-ubyte: expected IDX labels of shape [20] (one per image), got [19]`,
    );
  });

  it('rejects a corrupt gzip stream, naming the file', async () => {
    tmp = tempDir();
    writeIdxDataset(tmp.write, 'c', cyclingLabels(20, 10), cyclingLabels(10, 10), true);
    tmp.write('c/t10k-labels-idx1-ubyte.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    await expect(loadDataset({ name: 'mnist', path: `${tmp.dir}/c` })).rejects.toThrow(
      `${tmp.dir}/c/t10k-labels-idx1-ubyte.gz: expected a valid gzip stream`,
    );
  });
});
