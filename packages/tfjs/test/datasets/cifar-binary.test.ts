import { afterEach, describe, expect, it } from 'vitest';
import { CIFAR100_COARSE, CIFAR100_FINE, loadDataset, readCifarBinary } from '../../src/datasets/index.js';
import { cifarBytes, pixelAt, tempDir } from './fixtures.js';

const CIFAR10 = { labelBytes: 1, labelIndex: 0, numClasses: 10 } as const;

describe('readCifarBinary', () => {
  it('turns planar RGB records into channels-last images', () => {
    const images = readCifarBinary([{ file: 'b.bin', bytes: cifarBytes([[3], [7]]) }], CIFAR10);
    expect(images.count).toBe(2);
    expect(Array.from(images.labels)).toEqual([3, 7]);
    for (const [n, r, c, ch] of [
      [0, 0, 0, 0],
      [0, 31, 5, 2],
      [1, 4, 17, 1],
      [1, 31, 31, 2],
    ] as const) {
      expect(images.pixels[n * 3072 + (r * 32 + c) * 3 + ch]).toBe(pixelAt(n, r, c, ch));
    }
  });

  it('concatenates several batch files in order', () => {
    const images = readCifarBinary(
      [
        { file: 'a.bin', bytes: cifarBytes([[1]], 0) },
        { file: 'b.bin', bytes: cifarBytes([[2], [3]], 1) },
      ],
      CIFAR10,
    );
    expect(Array.from(images.labels)).toEqual([1, 2, 3]);
    expect(images.pixels[2 * 3072 + 3 * (10 * 32 + 4)]).toBe(pixelAt(2, 10, 4, 0));
  });

  it('rejects a size that is not a whole number of records', () => {
    const bytes = cifarBytes([[1], [2]]).subarray(0, 5000);
    expect(() => readCifarBinary([{ file: 'data_batch_1.bin', bytes }], CIFAR10)).toThrow(
      'data_batch_1.bin: expected a whole number of 3073-byte CIFAR records (1 label byte + 3072 pixels), got 5000 bytes',
    );
  });

  it('rejects a label out of range, naming the record and byte', () => {
    expect(() => readCifarBinary([{ file: 't.bin', bytes: cifarBytes([[1], [10]]) }], CIFAR10)).toThrow(
      't.bin: record 1 (byte 3073): expected a label in [0, 10), got 10',
    );
  });
});

describe('loadDataset: CIFAR', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp.cleanup());

  it('reads CIFAR-10 batches from the cifar-10-batches-bin folder of the archive', async () => {
    tmp = tempDir();
    for (let b = 1; b <= 5; b++) {
      const labels = Array.from({ length: 4 }, (_, i) => [(b * 4 + i) % 10]);
      tmp.write(`c10/cifar-10-batches-bin/data_batch_${b}.bin`, cifarBytes(labels, (b - 1) * 4));
    }
    tmp.write('c10/cifar-10-batches-bin/test_batch.bin', cifarBytes([[0], [1], [2]], 100));
    const data = await loadDataset({ name: 'cifar10', path: `${tmp.dir}/c10`, valSize: 5, stratify: false });
    expect(data.shape).toEqual([32, 32, 3]);
    expect([data.train.count, data.val.count, data.test?.count]).toEqual([15, 5, 3]);
    expect(data.classNames).toHaveLength(10);
    expect(Array.from(data.test!.y)).toEqual([0, 1, 2]);
    expect(data.test!.x[3072 + 3 * (31 * 32 + 2) + 1]).toBeCloseTo(pixelAt(101, 31, 2, 1) / 255, 6);
  });

  it('reads CIFAR-100 fine labels by default and coarse labels on request', async () => {
    tmp = tempDir();
    // records carry (coarse, fine) label bytes
    const train = Array.from({ length: 20 }, (_, i) => [i % 20, (i * 5) % 100]);
    tmp.write('c100/train.bin', cifarBytes(train));
    tmp.write(
      'c100/test.bin',
      cifarBytes(
        [
          [19, 99],
          [4, 30],
        ],
        50,
      ),
    );
    const fine = await loadDataset({ name: 'cifar100', path: `${tmp.dir}/c100`, valSize: 2 });
    expect(fine.numClasses).toBe(100);
    expect(Array.from(fine.test!.y)).toEqual([99, 30]);
    expect(fine.classNames[99]).toBe('worm');
    const coarse = await loadDataset({
      name: 'cifar100',
      path: `${tmp.dir}/c100`,
      valSize: 2,
      labels: 'coarse',
    });
    expect(coarse.numClasses).toBe(20);
    expect(Array.from(coarse.test!.y)).toEqual([19, 4]);
    expect(coarse.classNames[19]).toBe('vehicles_2');
  });

  it('rejects a CIFAR-100 record whose fine label is out of range', async () => {
    tmp = tempDir();
    tmp.write(
      'c/train.bin',
      cifarBytes([
        [0, 1],
        [0, 100],
      ]),
    );
    tmp.write('c/test.bin', cifarBytes([[0, 1]]));
    await expect(loadDataset({ name: 'cifar100', path: `${tmp.dir}/c` })).rejects.toThrow(
      `${tmp.dir}/c/train.bin: record 1 (byte 3075): expected a label in [0, 100), got 100`,
    );
  });

  it('has 100 fine and 20 coarse class names, all distinct', () => {
    expect(new Set(CIFAR100_FINE).size).toBe(100);
    expect(new Set(CIFAR100_COARSE).size).toBe(20);
  });
});
