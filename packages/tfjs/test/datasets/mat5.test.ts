import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset, readMat5, readSvhnMat } from '../../src/datasets/index.js';
import { MI, MX, matChar, matCompressed, matFile, matMatrix, pixelAt, svhnMat, tempDir } from './fixtures.js';

describe('readMat5', () => {
  for (const le of [true, false]) {
    it(`reads numeric arrays of a ${le ? 'little' : 'big'}-endian file, compressed or not`, () => {
      const file = matFile(
        [
          matMatrix(
            { name: 'a', classId: MX.DOUBLE, dims: [2, 2], type: MI.DOUBLE, real: [1.5, -2, 3, 4e10] },
            le,
          ),
          matCompressed(
            matMatrix(
              { name: 'b16', classId: MX.INT16, dims: [1, 3], type: MI.INT16, real: [-5, 7, 300] },
              le,
            ),
            le,
          ),
          matMatrix(
            { name: 'single_precision', classId: MX.SINGLE, dims: [1, 1], type: MI.SINGLE, real: [0.25] },
            le,
          ),
        ],
        le,
      );
      const { arrays } = readMat5(file, 'f.mat');
      expect(arrays.get('a')).toMatchObject({ className: 'double', dims: [2, 2] });
      expect(Array.from(arrays.get('a')!.values)).toEqual([1.5, -2, 3, 4e10]);
      expect(Array.from(arrays.get('b16')!.values)).toEqual([-5, 7, 300]);
      expect(arrays.get('single_precision')).toMatchObject({ className: 'single', dims: [1, 1] });
      expect(arrays.get('single_precision')!.values[0]).toBe(0.25);
    });
  }

  it('keeps the stored type of a double array saved as uint8, and the real part of a complex array', () => {
    const file = matFile(
      [
        matMatrix({ name: 'y', classId: MX.DOUBLE, dims: [3, 1], type: MI.UINT8, real: [10, 1, 255] }, true),
        matMatrix(
          { name: 'z', classId: MX.DOUBLE, dims: [1, 2], type: MI.INT32, real: [-7, 8], imag: [1, 2] },
          true,
        ),
      ],
      true,
    );
    const { arrays } = readMat5(file, 'f.mat');
    expect(arrays.get('y')!.values).toBeInstanceOf(Uint8Array);
    expect(Array.from(arrays.get('y')!.values)).toEqual([10, 1, 255]);
    expect(Array.from(arrays.get('z')!.values)).toEqual([-7, 8]);
  });

  it('skips char arrays and reports them', () => {
    const file = matFile(
      [
        matChar('note', 'hello', true),
        matMatrix({ name: 'n', classId: MX.INT32, dims: [1, 1], type: MI.INT32, real: [42] }, true),
      ],
      true,
    );
    const { arrays, skipped } = readMat5(file, 'f.mat');
    expect([...arrays.keys()]).toEqual(['n']);
    expect(skipped.get('note')).toBe('char');
  });

  it('rejects MAT v7.3 (HDF5) files and files that are not MAT-files', () => {
    const v73 = matFile(
      [],
      true,
      'MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan 1 00:00:00 2024 HDF5 schema 1.00 .',
    );
    expect(() => readMat5(v73, 'train_32x32.mat')).toThrow(
      'train_32x32.mat: expected a MAT v5 file (MATLAB -v6/-v7), got a MAT v7.3 file (HDF5), which is not supported',
    );
    expect(() => readMat5(new TextEncoder().encode('<html>Not Found</html>'), 'x.mat')).toThrow(
      "x.mat: expected a MAT v5 file whose 128-byte header starts with 'MATLAB', got '<html>Not Found</htm'",
    );
  });

  it('rejects a truncated element, naming the byte offset', () => {
    const file = matFile(
      [matMatrix({ name: 'a', classId: MX.DOUBLE, dims: [4, 1], type: MI.DOUBLE, real: [1, 2, 3, 4] }, true)],
      true,
    );
    expect(() => readMat5(file.subarray(0, file.length - 16), 'f.mat')).toThrow(
      /^f\.mat: MAT-file byte 128: expected 80 bytes of element data \(type 14\), got 64$/,
    );
  });

  it('rejects an array whose data does not match its dimensions', () => {
    const file = matFile(
      [matMatrix({ name: 'a', classId: MX.DOUBLE, dims: [3, 1], type: MI.DOUBLE, real: [1, 2] }, true)],
      true,
    );
    expect(() => readMat5(file, 'f.mat')).toThrow("expected 3 values for 'a' of size 3×1, got 2");
  });
});

describe('SVHN', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp?.cleanup());

  it('turns column-major X into channels-last images and label 10 into the digit 0', () => {
    const images = readSvhnMat(svhnMat([1, 0, 9], { compress: true, le: true }), 'train_32x32.mat');
    expect(Array.from(images.labels)).toEqual([1, 0, 9]);
    for (const [n, r, c, ch] of [
      [0, 0, 0, 0],
      [1, 3, 30, 2],
      [2, 31, 0, 1],
    ] as const) {
      expect(images.pixels[n * 3072 + (r * 32 + c) * 3 + ch]).toBe(pixelAt(n, r, c, ch));
    }
  });

  it('names the variables found when X or y is missing, and rejects labels outside 1..10', () => {
    const onlyY = matFile(
      [
        matMatrix({ name: 'y', classId: MX.DOUBLE, dims: [1, 1], type: MI.UINT8, real: [3] }, true),
        matChar('info', 'x', true),
      ],
      true,
    );
    expect(() => readSvhnMat(onlyY, 'test_32x32.mat')).toThrow(
      "test_32x32.mat: expected SVHN variables 'X' (uint8 32×32×3×N) and 'y' (N×1), found: y, info (char)",
    );
    const badLabel = matFile(
      [
        matMatrix(
          { name: 'X', classId: MX.UINT8, dims: [32, 32, 3, 1], type: MI.UINT8, real: new Uint8Array(3072) },
          true,
        ),
        matMatrix({ name: 'y', classId: MX.DOUBLE, dims: [1, 1], type: MI.UINT8, real: [11] }, true),
      ],
      true,
    );
    expect(() => readSvhnMat(badLabel, 'train_32x32.mat')).toThrow(
      "train_32x32.mat: 'y' entry 0: expected a label in 1..10 (10 is the digit 0), got 11",
    );
  });

  it('loads train_32x32.mat and test_32x32.mat through loadDataset', async () => {
    tmp = tempDir();
    tmp.write(
      'svhn/train_32x32.mat',
      svhnMat(
        Array.from({ length: 30 }, (_, i) => i % 10),
        { compress: true, le: true },
      ),
    );
    tmp.write('svhn/test_32x32.mat', svhnMat([5, 0, 7], { compress: false, le: false, firstImage: 40 }));
    const data = await loadDataset({ name: 'svhn', path: `${tmp.dir}/svhn`, valSize: 10, trainSize: 12 });
    expect([data.train.count, data.val.count, data.test?.count]).toEqual([12, 10, 3]);
    expect(Array.from(data.test!.y)).toEqual([5, 0, 7]);
    expect(data.test!.x[2 * 3072 + 3 * (8 * 32 + 9) + 2]).toBeCloseTo(pixelAt(42, 8, 9, 2) / 255, 6);
    expect(data.numClasses).toBe(10);
  });
});
