import { describe, expect, it } from 'vitest';
import { DatasetError, loadDataset, resolveDatasetOptions } from '../../src/datasets/index.js';

async function messageOf(options: unknown): Promise<string> {
  const error = await loadDataset(options as Parameters<typeof loadDataset>[0]).catch((e) => e);
  expect(error).toBeInstanceOf(DatasetError);
  expect(error.kind).toBe('options');
  return error.message;
}

describe('dataset options', () => {
  it('fills in defaults', () => {
    expect(resolveDatasetOptions({ name: 'svhn' })).toEqual({
      name: 'svhn',
      path: undefined,
      cacheDir: undefined,
      trainSize: undefined,
      valSize: undefined,
      valFraction: 0.1,
      testSize: undefined,
      seed: 0,
      labels: 'fine',
      normalize: 'unit',
      stratify: true,
      download: undefined,
    });
  });

  it('says what was expected and what was given, per key', async () => {
    expect(await messageOf({ name: 'mnist', trainSize: 0 })).toBe(
      'dataset.trainSize: expected an integer >= 1, got 0',
    );
    expect(await messageOf({ name: 'mnist', valFraction: 1.5 })).toBe(
      'dataset.valFraction: expected a number strictly between 0 and 1, got 1.5',
    );
    expect(await messageOf({ name: 'imagenet' })).toBe(
      "dataset.name: expected one of 'fashion-mnist', 'mnist', 'cifar10', 'cifar100', 'svhn', got 'imagenet'",
    );
    expect(await messageOf({ name: 'cifar10', normalize: 'zscore', seed: 1.5 })).toBe(
      "dataset.seed: expected an integer, got 1.5\ndataset.normalize: expected 'unit' or 'standard', got 'zscore'",
    );
  });

  it('rejects unknown keys with a suggestion', async () => {
    expect(await messageOf({ name: 'mnist', trainsize: 10 })).toBe(
      "dataset: unknown option 'trainsize' (did you mean 'trainSize'?)",
    );
  });

  it('rejects contradictory or inapplicable options', async () => {
    expect(await messageOf({ name: 'mnist', valSize: 10, valFraction: 0.2 })).toBe(
      'dataset: expected valSize or valFraction, not both; got valSize 10 and valFraction 0.2',
    );
    expect(await messageOf({ name: 'mnist', labels: 'coarse' })).toBe(
      "dataset.labels: only cifar100 has fine and coarse labels, got labels 'coarse' for mnist",
    );
    expect(await messageOf('mnist')).toBe("dataset: expected an object with at least a name, got 'mnist'");
  });
});
