import { existsSync } from 'node:fs';
import { createRng } from '@penguin-nas/core';
import { DATASETS } from './catalog.js';
import { downloadDataset } from './download.js';
import { DatasetError } from './errors.js';
import { type Candidate, candidates, findFiles } from './locate.js';
import { channelStats, gatherSplit } from './normalize.js';
import {
  type DatasetEnvironment,
  type LoadDatasetOptions,
  type ResolvedDatasetOptions,
  resolveDatasetOptions,
} from './options.js';
import type { DatasetSpec } from './spec.js';
import { drawIndices, range } from './split.js';
import type { Dataset, RawDataset } from './types.js';

/**
 * Finds a dataset (explicit `path`; else the cache, then `/usr/share/datasets/<name>`; else a verified
 * download into the cache), reads it, splits a validation part off the official training files, takes the
 * requested subsets with a seed, and normalises the pixels.
 *
 * ```ts
 * const data = await loadDataset({ name: 'fashion-mnist', trainSize: 10_000, valSize: 2_000, seed: 1 });
 * data.train.x; // Float32Array of 10000 × 28 × 28 × 1 values in [0, 1]
 * ```
 */
export async function loadDataset(options: LoadDatasetOptions): Promise<Dataset> {
  const resolved = resolveDatasetOptions(options);
  const spec = DATASETS[resolved.name];
  const located = await locate(spec, resolved, options);
  options.log?.(`${spec.name}: reading ${located.dir} (${located.foundBy})`);
  const raw = await spec.read(located.files, resolved.labels);
  return assemble(spec, resolved, raw, located, options.shared ?? false);
}

interface Located {
  readonly dir: string;
  readonly files: Record<string, string>;
  readonly foundBy: Dataset['foundBy'];
}

async function locate(
  spec: DatasetSpec,
  options: ResolvedDatasetOptions,
  environment: DatasetEnvironment,
): Promise<Located> {
  const places = candidates(spec.name, options, environment);
  const misses: string[] = [];
  for (const place of places) {
    const result = findFiles(spec, place.dir);
    if (result.found) return { dir: result.dir, files: result.files, foundBy: place.how };
    misses.push(describeMiss(place, result.missing));
  }
  if (options.path) {
    throw new DatasetError(
      'not-found',
      `dataset.path: expected a directory holding the ${spec.title} files (${fileList(spec)}), but ${misses[0]}`,
    );
  }
  const cache = places[0] as Candidate;
  const env = environment.env ?? process.env;
  const offline = !['', '0', 'false'].includes((env.PENGUIN_OFFLINE ?? '').trim().toLowerCase());
  const allowed = options.download ?? !offline;
  let downloadLine: string;
  if (!allowed) {
    downloadLine =
      options.download === false ? 'disabled (download: false)' : 'disabled ($PENGUIN_OFFLINE is set)';
  } else {
    try {
      await downloadDataset(spec, cache.dir, environment);
      const result = findFiles(spec, cache.dir);
      if (result.found) return { dir: result.dir, files: result.files, foundBy: 'download' };
      downloadLine = `finished, but ${cache.dir} still lacks ${result.missing.join(', ')}`;
    } catch (error) {
      if (!(error instanceof DatasetError) || error.kind !== 'download') throw error;
      downloadLine = `failed: ${error.message}`;
    }
  }
  throw new DatasetError('not-found', notFoundMessage(spec, misses, downloadLine, cache.dir));
}

function fileList(spec: DatasetSpec): string {
  return spec.files.map((file) => file.names[0]).join(', ');
}

function describeMiss(place: Candidate, missing: readonly string[]): string {
  if (!existsSync(place.dir)) return `${place.dir} (${place.how}) does not exist`;
  return `${place.dir} (${place.how}) lacks ${missing.join(', ')}`;
}

function notFoundMessage(
  spec: DatasetSpec,
  misses: readonly string[],
  downloadLine: string,
  cacheDir: string,
): string {
  const ways = [
    `pass the directory that holds them: loadDataset({ name: '${spec.name}', path: '/path/to/dir' })`,
    `put them in ${cacheDir} (set $PENGUIN_DATA or the cacheDir option to use another cache root)`,
    ...(spec.aptPackage
      ? [
          `on Debian or Ubuntu: apt-get install ${spec.aptPackage} (installs them into /usr/share/datasets/${spec.name})`,
        ]
      : []),
    `download them (verified by checksum) on a machine that is online: ${spec.downloads
      .flatMap((d) => d.urls.slice(0, 1))
      .join(', ')}`,
  ];
  return [
    `${spec.name}: ${spec.title} not found; it needs ${fileList(spec)} (gzip or not where the name ends in .gz).`,
    'Looked in:',
    ...misses.map((miss) => `  - ${miss}`),
    `  - download: ${downloadLine}`,
    'To obtain it:',
    ...ways.map((way) => `  - ${way}`),
  ].join('\n');
}

function tooMany(key: string, limit: number, why: string, got: number): DatasetError {
  return new DatasetError('options', `dataset.${key}: expected at most ${limit} (${why}), got ${got}`);
}

function assemble(
  spec: DatasetSpec,
  options: ResolvedDatasetOptions,
  raw: RawDataset,
  located: Located,
  shared: boolean,
): Dataset {
  const classNames = spec.classNames(options.labels);
  const total = raw.train.count;
  if (total < 2)
    throw new DatasetError('format', `${located.dir}: expected at least 2 training examples, got ${total}`);
  const valCount =
    options.valSize ?? Math.min(total - 1, Math.max(1, Math.round(options.valFraction * total)));
  if (valCount >= total)
    throw tooMany('valSize', total - 1, `the official training part has ${total} examples`, valCount);
  const rng = createRng(options.seed);
  const draw = { stratify: options.stratify, rng: rng.fork('validation') };
  const { chosen: val, rest } = drawIndices(
    rng.fork('order').shuffle(range(total)),
    valCount,
    raw.train.labels,
    draw,
  );
  const trainCount = options.trainSize ?? rest.length;
  if (trainCount > rest.length) {
    throw tooMany(
      'trainSize',
      rest.length,
      `${total} training examples minus ${valCount} for validation`,
      trainCount,
    );
  }
  const train = drawIndices(rest, trainCount, raw.train.labels, {
    stratify: options.stratify,
    rng: rng.fork('train'),
  }).chosen;
  const testCount = options.testSize ?? raw.test.count;
  if (testCount > raw.test.count) {
    throw tooMany('testSize', raw.test.count, 'the official test part', testCount);
  }
  const testRng = rng.fork('test');
  const test =
    testCount === raw.test.count
      ? range(testCount)
      : drawIndices(testRng.shuffle(range(raw.test.count)), testCount, raw.test.labels, {
          stratify: options.stratify,
          rng: testRng,
        }).chosen;
  const stats = channelStats(options.normalize, raw.train, train, spec.shape[2]);
  return {
    name: spec.name,
    train: gatherSplit(raw.train, train, stats, shared),
    val: gatherSplit(raw.train, val, stats, shared),
    ...(testCount > 0 ? { test: gatherSplit(raw.test, test, stats, shared) } : {}),
    shape: spec.shape,
    numClasses: classNames.length,
    classNames,
    source: located.dir,
    foundBy: located.foundBy,
    normalization: { kind: options.normalize, mean: stats.mean, std: stats.std },
  };
}
