import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheRoot, DatasetError, loadDataset } from '../../src/datasets/index.js';
import { cyclingLabels, fakeFetch, tempDir, writeIdxDataset } from './fixtures.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** Writes a small MNIST-format copy whose first test label tells the copies apart. */
function copyAt(dir: string, marker: number): void {
  writeIdxDataset(tmp.write, dir, cyclingLabels(20, 10), [marker, 1, 2], true);
}

/** Environment seams pointing into the temp dir; downloading off unless asked for. */
function isolated(extraEnv: Record<string, string> = {}, download: boolean | 'default' = false) {
  return {
    env: { ...extraEnv },
    homeDir: join(tmp.dir, 'home'),
    systemDir: join(tmp.dir, 'usr-share-datasets'),
    ...(download === 'default' ? {} : { download }),
  };
}

describe('cacheRoot', () => {
  it('prefers the cacheDir option, then $PENGUIN_DATA, then $XDG_CACHE_HOME, then ~/.cache', () => {
    const env = { PENGUIN_DATA: '/data/penguin', XDG_CACHE_HOME: '/xdg' };
    expect(cacheRoot('/opt/c', { env, homeDir: '/home/u' })).toBe('/opt/c');
    expect(cacheRoot(undefined, { env, homeDir: '/home/u' })).toBe('/data/penguin');
    expect(cacheRoot(undefined, { env: { XDG_CACHE_HOME: '/xdg' }, homeDir: '/home/u' })).toBe(
      '/xdg/penguin/datasets',
    );
    expect(cacheRoot(undefined, { env: {}, homeDir: '/home/u' })).toBe('/home/u/.cache/penguin/datasets');
  });
});

describe('lookup order', () => {
  it('finds the system copy in <systemDir>/<name> when the cache has none', async () => {
    copyAt('usr-share-datasets/mnist', 7);
    const data = await loadDataset({ name: 'mnist', valSize: 5, ...isolated() });
    expect(data.foundBy).toBe('system');
    expect(data.source).toBe(join(tmp.dir, 'usr-share-datasets/mnist'));
    expect(data.test!.y[0]).toBe(7);
  });

  it('prefers the cache ($PENGUIN_DATA/<name>) to the system copy', async () => {
    copyAt('usr-share-datasets/mnist', 7);
    copyAt('penguin-data/mnist', 8);
    const data = await loadDataset({
      name: 'mnist',
      valSize: 5,
      ...isolated({ PENGUIN_DATA: join(tmp.dir, 'penguin-data') }),
    });
    expect([data.foundBy, data.test!.y[0]]).toEqual(['cache', 8]);
  });

  it('uses ~/.cache/penguin/datasets/<name> when no cache root is configured', async () => {
    copyAt('home/.cache/penguin/datasets/mnist', 6);
    const data = await loadDataset({ name: 'mnist', valSize: 5, ...isolated() });
    expect([data.foundBy, data.test!.y[0]]).toEqual(['cache', 6]);
  });

  it('prefers an explicit path to the cache and the system copy', async () => {
    copyAt('usr-share-datasets/mnist', 7);
    copyAt('home/.cache/penguin/datasets/mnist', 6);
    copyAt('mine', 5);
    const data = await loadDataset({ name: 'mnist', valSize: 5, path: join(tmp.dir, 'mine'), ...isolated() });
    expect([data.foundBy, data.test!.y[0]]).toEqual(['path option', 5]);
  });

  it('looks nowhere else when an explicit path lacks the files, and says which are missing', async () => {
    copyAt('home/.cache/penguin/datasets/mnist', 6);
    tmp.write('partial/train-images-idx3-ubyte.gz', new Uint8Array(1));
    const error = await loadDataset({ name: 'mnist', path: join(tmp.dir, 'partial'), ...isolated() }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe(
      'dataset.path: expected a directory holding the MNIST files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, ' +
        `t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz), but ${join(tmp.dir, 'partial')} (path option) lacks ` +
        'train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz',
    );
  });
});

describe('a dataset found nowhere', () => {
  it('gets one error listing where it looked and every way to obtain it', async () => {
    const error = await loadDataset({
      name: 'fashion-mnist',
      ...isolated({ PENGUIN_DATA: join(tmp.dir, 'pd') }),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.code).toBe('DATASET_ERROR');
    expect(error.kind).toBe('not-found');
    const lines = (error.message as string).split('\n');
    expect(lines[0]).toBe(
      'fashion-mnist: Fashion-MNIST not found; it needs train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, ' +
        't10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz (gzip or not where the name ends in .gz).',
    );
    expect(lines).toContain(`  - ${join(tmp.dir, 'pd', 'fashion-mnist')} (cache) does not exist`);
    expect(lines).toContain(
      `  - ${join(tmp.dir, 'usr-share-datasets', 'fashion-mnist')} (system) does not exist`,
    );
    expect(lines).toContain('  - download: disabled (download: false)');
    expect(error.message).toContain("loadDataset({ name: 'fashion-mnist', path: '/path/to/dir' })");
    expect(error.message).toContain(`put them in ${join(tmp.dir, 'pd', 'fashion-mnist')}`);
    expect(error.message).toContain(
      'apt-get install dataset-fashion-mnist (installs them into /usr/share/datasets/fashion-mnist)',
    );
    expect(error.message).toContain(
      'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz',
    );
  });

  it('says which files a partial copy lacks', async () => {
    tmp.write('usr-share-datasets/cifar10/data_batch_1.bin', new Uint8Array(3073));
    const error = await loadDataset({ name: 'cifar10', ...isolated() }).catch((e) => e);
    expect(error.message).toContain(
      `${join(tmp.dir, 'usr-share-datasets', 'cifar10')} (system) lacks data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin`,
    );
    expect(error.message).not.toContain('apt-get');
  });

  it('does not try to download when $PENGUIN_OFFLINE is set', async () => {
    const { fetch, calls } = fakeFetch({});
    const options = { ...isolated({ PENGUIN_OFFLINE: '1' }, 'default'), fetch };
    const error = await loadDataset({ name: 'svhn', ...options }).catch((e) => e);
    expect(error.message).toContain('  - download: disabled ($PENGUIN_OFFLINE is set)');
    expect(calls).toEqual([]);
  });

  it('downloads when $PENGUIN_OFFLINE is 0, and when download: true overrides it', async () => {
    for (const [env, download] of [
      [{ PENGUIN_OFFLINE: '0' }, 'default'],
      [{ PENGUIN_OFFLINE: '1' }, true],
    ] as const) {
      const { fetch, calls } = fakeFetch({});
      const error = await loadDataset({ name: 'svhn', ...isolated(env, download), fetch }).catch((e) => e);
      expect(error.message).toContain('  - download: failed: could not download train_32x32.mat');
      expect(calls).toHaveLength(1);
    }
  });

  it('reports why the download failed when the machine is offline', async () => {
    const { fetch, calls } = fakeFetch({});
    const error = await loadDataset({ name: 'svhn', ...isolated({}, true), fetch }).catch((e) => e);
    expect(calls).toEqual(['http://ufldl.stanford.edu/housenumbers/train_32x32.mat']);
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain(
      '  - download: failed: could not download train_32x32.mat: http://ufldl.stanford.edu/housenumbers/train_32x32.mat: ' +
        'fetch failed (getaddrinfo ENOTFOUND ufldl.stanford.edu)',
    );
  });
});
