import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DATASETS,
  DatasetError,
  type DatasetSpec,
  downloadDataset,
  loadDataset,
  type RemoteFile,
  verifyDownload,
} from '../../src/datasets/index.js';
import { cifarBytes, cyclingLabels, fakeFetch, idxPair, pixelAt, tarBytes, tempDir } from './fixtures.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const isolated = () => ({ env: {}, homeDir: join(tmp.dir, 'home'), systemDir: join(tmp.dir, 'none') });

/** The CIFAR-10 entry, but with the checksum and sizes of a small archive made here. */
function smallCifar10(archive: Uint8Array, url: string, batchBytes: number): DatasetSpec {
  const real = DATASETS.cifar10.downloads[0] as RemoteFile;
  return {
    ...DATASETS.cifar10,
    downloads: [
      {
        ...real,
        urls: [url],
        checksum: { algorithm: 'md5', of: 'download', hex: md5(archive) },
        bytes: archive.length,
        extract: (real.extract ?? []).map((member) => ({ ...member, bytes: batchBytes })),
      },
    ],
  };
}

describe('downloadDataset', () => {
  it('verifies a .tar.gz archive, unpacks the members into the cache, and loadDataset then finds them', async () => {
    const names = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`).concat('test_batch.bin');
    const members = names.map((name, b) => ({
      name: `cifar-10-batches-bin/${name}`,
      data: cifarBytes(
        cyclingLabels(2, 10, b).map((l) => [l]),
        2 * b,
      ),
    }));
    const archive = gzipSync(tarBytes(members, 'cifar-10-batches-bin'));
    const url = 'https://example.test/cifar-10-binary.tar.gz';
    const { fetch, calls } = fakeFetch({ [url]: archive });
    const cache = join(tmp.dir, 'cache');
    const logs: string[] = [];
    await downloadDataset(smallCifar10(archive, url, 2 * 3073), join(cache, 'cifar10'), {
      fetch,
      log: (m) => logs.push(m),
    });
    expect(calls).toEqual([url]);
    expect(readdirSync(join(cache, 'cifar10')).sort()).toEqual([...names].sort());
    expect(logs[0]).toBe('cifar10: downloading cifar-10-binary.tar.gz');

    const data = await loadDataset({
      name: 'cifar10',
      cacheDir: cache,
      valSize: 2,
      ...isolated(),
      download: false,
    });
    expect([data.foundBy, data.train.count, data.test?.count]).toEqual(['cache', 8, 2]);
    expect(data.test!.x[3072 + 3 * (7 * 32 + 8)]).toBeCloseTo(pixelAt(11, 7, 8, 0) / 255, 6);

    // files already in the cache are not fetched again
    await downloadDataset(smallCifar10(archive, url, 2 * 3073), join(cache, 'cifar10'), { fetch });
    expect(calls).toHaveLength(1);
  });

  it('rejects an archive member of the wrong size', async () => {
    const archive = gzipSync(
      tarBytes([{ name: 'cifar-10-batches-bin/data_batch_1.bin', data: new Uint8Array(10) }]),
    );
    const url = 'https://example.test/c.tar.gz';
    const { fetch } = fakeFetch({ [url]: archive });
    await expect(
      downloadDataset(smallCifar10(archive, url, 3073), join(tmp.dir, 'c'), { fetch }),
    ).rejects.toThrow(
      `cifar-10-binary.tar.gz from ${url}: member 'cifar-10-batches-bin/data_batch_1.bin': expected 3073 bytes, got 10`,
    );
  });

  it('tries the next mirror when one fails, and lists every failure when all do', async () => {
    const content = new TextEncoder().encode('payload');
    const remote: RemoteFile = {
      urls: ['https://a.test/f', 'https://b.test/f', 'https://c.test/f'],
      file: 'f.bin',
      checksum: { algorithm: 'sha256', of: 'download', hex: sha256(content) },
    };
    const spec = { ...DATASETS.svhn, downloads: [remote] };
    const served = fakeFetch({ 'https://a.test/f': 404, 'https://c.test/f': content });
    await downloadDataset(spec, join(tmp.dir, 'ok'), { fetch: served.fetch });
    expect(served.calls).toEqual(remote.urls);
    expect(readFileSync(join(tmp.dir, 'ok', 'f.bin'), 'utf8')).toBe('payload');

    const none = fakeFetch({ 'https://a.test/f': 404, 'https://c.test/f': 503 });
    const error = await downloadDataset(spec, join(tmp.dir, 'bad'), { fetch: none.fetch }).catch((e) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.kind).toBe('download');
    expect(error.message).toBe(
      'could not download f.bin: https://a.test/f: HTTP 404 Not Found; ' +
        'https://b.test/f: fetch failed (getaddrinfo ENOTFOUND b.test); https://c.test/f: HTTP 503 Not Found',
    );
  });
});

describe('checksums', () => {
  it('fails loudly on a checksum mismatch and saves nothing', async () => {
    const fake = idxPair(cyclingLabels(5, 10));
    const base = 'https://ossci-datasets.s3.amazonaws.com/mnist';
    const { fetch } = fakeFetch({
      [`${base}/train-images-idx3-ubyte.gz`]: gzipSync(fake.images),
      [`${base}/train-labels-idx1-ubyte.gz`]: gzipSync(fake.labels),
    });
    const cache = join(tmp.dir, 'cache');
    const error = await loadDataset({ name: 'mnist', cacheDir: cache, ...isolated(), fetch }).catch((e) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.kind).toBe('checksum');
    expect(error.message).toBe(
      `mnist: train-images-idx3-ubyte.gz downloaded from ${base}/train-images-idx3-ubyte.gz: checksum mismatch: ` +
        `expected MD5 f68b3c2dcbeaaa9fbdd348bbdeb94873 of the downloaded file, got ${md5(gzipSync(fake.images))}; ` +
        'nothing was saved for this file',
    );
    expect(existsSync(join(cache, 'mnist', 'train-images-idx3-ubyte.gz'))).toBe(false);
  });

  it('checks Fashion-MNIST by the SHA-256 of the decompressed content', async () => {
    const fake = idxPair(cyclingLabels(5, 10));
    const url = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz';
    const { fetch } = fakeFetch({ [url]: gzipSync(fake.images) });
    const error = await loadDataset({
      name: 'fashion-mnist',
      cacheDir: join(tmp.dir, 'c'),
      ...isolated(),
      fetch,
    }).catch((e) => e);
    expect(error.kind).toBe('checksum');
    expect(error.message).toContain(
      'expected SHA-256 c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888 of the decompressed content, ' +
        `got ${sha256(fake.images)}`,
    );
  });

  it('accepts the same content under a rewritten gzip header when the decompressed content is checked', () => {
    const content = idxPair(cyclingLabels(3, 10)).labels;
    const upstream = gzipSync(content, { level: 9 });
    const rewritten = Uint8Array.from(gzipSync(content, { level: 1 }));
    rewritten.set([0x5e, 0xd9, 0x1a, 0x5f], 4); // another modification time, as a repackager would leave
    rewritten[9] = 0x00; // another operating system byte
    expect(md5(rewritten)).not.toBe(md5(upstream));
    const byContent: RemoteFile = {
      urls: ['u'],
      file: 'l.gz',
      checksum: { algorithm: 'sha256', of: 'decompressed', hex: sha256(content) },
    };
    expect(() => verifyDownload('d', byContent, 'u', upstream)).not.toThrow();
    expect(() => verifyDownload('d', byContent, 'u', rewritten)).not.toThrow();
    const byFile: RemoteFile = {
      ...byContent,
      checksum: { algorithm: 'md5', of: 'download', hex: md5(upstream) },
    };
    expect(() => verifyDownload('d', byFile, 'u', rewritten)).toThrow(/checksum mismatch/);
  });

  it('rejects a download of the wrong size before hashing it', () => {
    const remote = DATASETS.svhn.downloads[1] as RemoteFile;
    expect(() => verifyDownload('svhn', remote, 'http://x/test_32x32.mat', new Uint8Array(100))).toThrow(
      'svhn: test_32x32.mat downloaded from http://x/test_32x32.mat: expected 64275384 bytes, got 100; nothing was saved for this file',
    );
  });
});
