import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DATASETS, loadDataset } from '../../src/datasets/index.js';
import { tempDir } from './fixtures.js';

/** Debian's `dataset-fashion-mnist` (CI installs it); these tests need the real files. */
const DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';
const present = existsSync(join(DEBIAN_DIR, 'train-images-idx3-ubyte.gz'));
if (!present) {
  console.warn(
    `skipping the real Fashion-MNIST tests: ${DEBIAN_DIR} is absent (apt-get install dataset-fashion-mnist)`,
  );
}

describe.skipIf(!present)('real Fashion-MNIST from Debian (dataset-fashion-mnist)', () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  afterAll(() => tmp?.cleanup());

  it('is found in /usr/share/datasets and read with the published sizes and class balance', async () => {
    const data = await loadDataset({
      name: 'fashion-mnist',
      cacheDir: join(tmpdir(), 'penguin-no-cache-here'),
      trainSize: 2000,
      valSize: 500,
      testSize: 1000,
      seed: 7,
      download: false,
    });
    expect([data.foundBy, data.source]).toEqual(['system', DEBIAN_DIR]);
    expect([data.train.count, data.val.count, data.test?.count]).toEqual([2000, 500, 1000]);
    expect(data.train.x).toHaveLength(2000 * 784);
    // Fashion-MNIST has 6000 training images per class, so a stratified subset has exactly 200 each
    const counts = Array(10).fill(0);
    for (const label of data.train.y) counts[label]++;
    expect(counts).toEqual(Array(10).fill(200));
    // the published pixel mean of Fashion-MNIST is about 0.286 (in [0, 1])
    const mean = data.train.x.reduce((a, b) => a + b, 0) / data.train.x.length;
    expect(mean).toBeGreaterThan(0.25);
    expect(mean).toBeLessThan(0.32);
  });

  it('matches the decompressed SHA-256 recorded for downloads, and a download of those bytes is accepted', async () => {
    const routes: Record<string, Uint8Array> = {};
    for (const remote of DATASETS['fashion-mnist'].downloads) {
      const gz = readFileSync(join(DEBIAN_DIR, remote.file));
      expect(createHash('sha256').update(gunzipSync(gz)).digest('hex')).toBe(remote.checksum.hex);
      routes[remote.urls[0] as string] = gz;
    }
    tmp = tempDir();
    const data = await loadDataset({
      name: 'fashion-mnist',
      cacheDir: tmp.dir,
      systemDir: join(tmp.dir, 'nothing'),
      fetch: async (url) => {
        const bytes = routes[url];
        if (!bytes) throw new TypeError(`fetch failed for ${url}`);
        return { ok: true, status: 200, arrayBuffer: async () => new Uint8Array(bytes).buffer };
      },
      trainSize: 100,
      testSize: 0,
    });
    expect([data.foundBy, data.source]).toEqual(['download', join(tmp.dir, 'fashion-mnist')]);
  });
});
