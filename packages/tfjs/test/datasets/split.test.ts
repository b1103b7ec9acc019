import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, type DatasetSplit, loadDataset } from '../../src/datasets/index.js';
import { pixelAt, tempDir, writeIdxDataset } from './fixtures.js';

// 190 training images, class c has 10 + 2c of them (imbalanced on purpose); 60 test images.
const TRAIN_LABELS = Array.from({ length: 10 }, (_, c) => Array(10 + 2 * c).fill(c) as number[])
  .flat()
  .sort((a, b) => ((a * 7919) % 13) - ((b * 7919) % 13) || a - b);
const TEST_LABELS = Array.from({ length: 60 }, (_, i) => (i * 3) % 10);

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
  writeIdxDataset(tmp.write, 'm', TRAIN_LABELS, TEST_LABELS, true);
});
afterAll(() => tmp.cleanup());

const load = (options: Omit<Parameters<typeof loadDataset>[0], 'name'> = {}): Promise<Dataset> =>
  loadDataset({ name: 'mnist', path: `${tmp.dir}/m`, ...options });

/** Which official image each example is: pixel (0, 0) is n·31 mod 256, one-to-one for n < 256. */
const byFirstPixel = new Map(Array.from({ length: 256 }, (_, n) => [pixelAt(n, 0, 0, 0), n]));
function imageIds(split: DatasetSplit): number[] {
  return Array.from(
    { length: split.count },
    (_, i) => byFirstPixel.get(Math.round((split.x[i * 784] as number) * 255)) as number,
  );
}

function classCounts(labels: Iterable<number>): number[] {
  const counts = Array(10).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

describe('seeded split', () => {
  it('gives identical splits for the same seed and different ones for another seed', async () => {
    const a = await load({ seed: 5, trainSize: 60, testSize: 20 });
    const b = await load({ seed: 5, trainSize: 60, testSize: 20 });
    const c = await load({ seed: 6, trainSize: 60, testSize: 20 });
    for (const part of ['train', 'val', 'test'] as const) {
      expect(Buffer.from(a[part]!.x.buffer).equals(Buffer.from(b[part]!.x.buffer))).toBe(true);
      expect(Array.from(a[part]!.y)).toEqual(Array.from(b[part]!.y));
    }
    expect(imageIds(c.val)).not.toEqual(imageIds(a.val));
  });

  it('holds out a validation part disjoint from training, from the official training files only', async () => {
    const data = await load({ seed: 1, valSize: 40 });
    const train = imageIds(data.train);
    const val = imageIds(data.val);
    expect(train).toHaveLength(150);
    expect(val).toHaveLength(40);
    expect(new Set([...train, ...val]).size).toBe(190);
    // labels travel with their images
    expect(Array.from(data.val.y)).toEqual(val.map((id) => TRAIN_LABELS[id]));
  });

  it('keeps the validation part the same whatever the training subset size', async () => {
    const small = await load({ seed: 3, trainSize: 20 });
    const large = await load({ seed: 3, trainSize: 120 });
    expect(imageIds(small.val)).toEqual(imageIds(large.val));
    expect(new Set(imageIds(large.train)).size).toBe(120);
  });

  it('holds out 10% by default, and valFraction otherwise', async () => {
    expect((await load()).val.count).toBe(19);
    expect((await load({ valFraction: 0.25 })).val.count).toBe(48);
  });

  it('keeps class proportions to within one example in stratified parts and subsets', async () => {
    const data = await load({ seed: 9, valFraction: 0.2, trainSize: 50, testSize: 30 });
    const full = classCounts(TRAIN_LABELS);
    const deviation = (counts: number[], size: number) =>
      Math.max(...counts.map((n, c) => Math.abs(n - ((full[c] ?? 0) * size) / 190)));
    expect(deviation(classCounts(data.val.y), 38)).toBeLessThan(1);
    // the training subset is stratified over what validation left, so it may be off by one more
    expect(deviation(classCounts(data.train.y), 50)).toBeLessThan(2);
    expect(classCounts(data.test!.y)).toEqual(Array(10).fill(3));
  });

  it('draws plain seeded random subsets when stratify is false', async () => {
    const data = await load({ seed: 2, valSize: 30, trainSize: 40, stratify: false });
    expect([data.val.count, data.train.count]).toEqual([30, 40]);
    expect(new Set([...imageIds(data.val), ...imageIds(data.train)]).size).toBe(70);
  });

  it('shuffles the examples, so a subset is not sorted by class', async () => {
    const { train } = await load({ seed: 4 });
    const sorted = Array.from(train.y).sort((a, b) => a - b);
    expect(Array.from(train.y)).not.toEqual(sorted);
  });

  it('allocates the arrays in SharedArrayBuffers on request, with the same content', async () => {
    const plain = await load({ seed: 8, trainSize: 30 });
    const shared = await load({ seed: 8, trainSize: 30, shared: true });
    expect(plain.train.x.buffer).toBeInstanceOf(ArrayBuffer);
    expect(shared.train.x.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.val.y.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.train.x)).toEqual(Array.from(plain.train.x));
  });

  it('leaves the test split out when testSize is 0', async () => {
    const data = await load({ testSize: 0 });
    expect(data.test).toBeUndefined();
  });

  it('rejects sizes larger than what there is, saying how many there are', async () => {
    await expect(load({ valSize: 190 })).rejects.toThrow(
      'dataset.valSize: expected at most 189 (the official training part has 190 examples), got 190',
    );
    await expect(load({ valSize: 40, trainSize: 151 })).rejects.toThrow(
      'dataset.trainSize: expected at most 150 (190 training examples minus 40 for validation), got 151',
    );
    await expect(load({ testSize: 61 })).rejects.toThrow(
      'dataset.testSize: expected at most 60 (the official test part), got 61',
    );
  });
});

describe('normalisation', () => {
  it('unit: pixels / 255', async () => {
    const data = await load(); // the whole test part, in official order
    expect(data.normalization).toEqual({ kind: 'unit', mean: [0], std: [255] });
    expect(data.test!.x[3 * 784 + 5 * 28 + 6]).toBeCloseTo(pixelAt(3, 5, 6, 0) / 255, 6);
  });

  it('standard: zero mean and unit variance on the training split, the same shift and scale elsewhere', async () => {
    const data = await load({ normalize: 'standard', trainSize: 100 });
    const x = data.train.x;
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    expect(mean).toBeCloseTo(0, 4);
    expect(variance).toBeCloseTo(1, 3);
    const [m, s] = [data.normalization.mean[0] as number, data.normalization.std[0] as number];
    expect(data.test!.x[784 + 1]).toBeCloseTo((pixelAt(1, 0, 1, 0) - m) / s, 4);
  });
});
