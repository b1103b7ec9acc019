import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMBEDDED_ROOT } from '../../src/datasets/embedded.js';
import { DatasetError, loadDataset } from '../../src/datasets/index.js';
import { cyclingLabels, fakeFetch, tempDir, writeIdxDataset } from './fixtures.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const SUBSET_DIR = join(EMBEDDED_ROOT, 'fashion-mnist-subset');

/** A bare machine: empty home and cache, no system datasets, no $PENGUIN_OFFLINE; every fetch is recorded. */
function bareMachine() {
  const { fetch, calls } = fakeFetch({});
  const lines: string[] = [];
  return {
    calls,
    lines,
    environment: {
      env: {},
      homeDir: join(tmp.dir, 'home'),
      systemDir: join(tmp.dir, 'usr-share-datasets'),
      fetch,
      log: (line: string) => lines.push(line),
    },
  };
}

describe('the embedded Fashion-MNIST subset', () => {
  it('serves a request that fits it on a bare machine, says so in one line, and touches no network', async () => {
    const bare = bareMachine();
    const data = await loadDataset({
      name: 'fashion-mnist',
      trainSize: 3000,
      valSize: 3000,
      testSize: 0,
      seed: 1,
      ...bare.environment,
    });
    expect([data.foundBy, data.source]).toEqual(['embedded', SUBSET_DIR]);
    expect([data.train.count, data.val.count, data.test]).toEqual([3000, 3000, undefined]);
    const perClass = new Array(10).fill(0);
    for (const label of data.val.y) perClass[label]++;
    expect(perClass).toEqual(new Array(10).fill(300));
    expect(bare.calls).toEqual([]);
    const notices = bare.lines.filter((line) => line.includes('shipped with'));
    expect(notices).toEqual([
      `fashion-mnist: the full Fashion-MNIST is not in ${join(tmp.dir, 'home', '.cache', 'penguin', 'datasets', 'fashion-mnist')} ` +
        `or ${join(tmp.dir, 'usr-share-datasets', 'fashion-mnist')}; using the 6000-image subset shipped with ` +
        '@penguin-nas/tfjs (checksums verified). For the full set: apt-get install dataset-fashion-mnist, or set dataset.download: true',
    ]);
  });

  it('leaves the lookup order of the full set unchanged: a system copy ($PENGUIN_SYSTEM_DATASETS) wins', async () => {
    const bare = bareMachine();
    writeIdxDataset(tmp.write, 'system/fashion-mnist', cyclingLabels(40, 10), [0, 1], true);
    const { systemDir: _, ...environment } = bare.environment;
    const data = await loadDataset({
      name: 'fashion-mnist',
      trainSize: 20,
      valSize: 10,
      ...environment,
      env: { PENGUIN_SYSTEM_DATASETS: join(tmp.dir, 'system') },
    });
    expect([data.foundBy, data.source]).toEqual(['system', join(tmp.dir, 'system', 'fashion-mnist')]);
    expect(bare.lines.some((line) => line.includes('subset'))).toBe(false);
  });

  it('is not used for a request larger than it, or with download: true, and the error says why', async () => {
    const tooBig = bareMachine();
    const error = await loadDataset({
      name: 'fashion-mnist',
      trainSize: 5000,
      valSize: 2000,
      ...tooBig.environment,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain(
      `  - ${SUBSET_DIR} (embedded subset of 6000 training images) not used: trainSize + valSize must be at most 6000, got 5000 + 2000`,
    );
    expect(tooBig.calls.length).toBeGreaterThan(0); // the full set's download was tried, as before
    const full = bareMachine();
    const wanted = await loadDataset({
      name: 'fashion-mnist',
      trainSize: 100,
      valSize: 100,
      download: true,
      ...full.environment,
    }).catch((e) => e);
    expect(wanted.message).toContain('not used: download: true asks for the full set');
  });

  it('rejects a damaged copy by its SHA-256 checksum', async () => {
    const copy = join(tmp.dir, 'data', 'fashion-mnist-subset');
    cpSync(SUBSET_DIR, copy, { recursive: true });
    const labelsFile = join(copy, 'train-labels-idx1-ubyte.gz');
    const labels = gunzipSync(readFileSync(labelsFile));
    labels[100] = ((labels[100] as number) + 1) % 10;
    writeFileSync(labelsFile, gzipSync(labels));
    const error = await loadDataset({
      name: 'fashion-mnist',
      trainSize: 10,
      valSize: 10,
      ...bareMachine().environment,
      embeddedDir: join(tmp.dir, 'data'),
    }).catch((e) => e);
    expect(error.kind).toBe('checksum');
    expect(error.message).toMatch(
      new RegExp(
        `^${labelsFile}: expected the SHA-256 097b93fb[0-9a-f]+ of manifest.json .*, got [0-9a-f]{64}; `,
      ),
    );
  });

  it("matches its script's checksums (node scripts/fashion-mnist-subset.mjs --check)", () => {
    const script = fileURLToPath(new URL('../../../../scripts/fashion-mnist-subset.mjs', import.meta.url));
    const output = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(output).toContain('4 files match the SHA-256 checksums of manifest.json');
  });
});
