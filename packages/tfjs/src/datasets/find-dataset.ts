import { existsSync } from 'node:fs';
import { downloadDataset } from './download.js';
import { type EmbeddedSubset, embeddedSubset, subsetMismatch, verifiedSubsetFiles } from './embedded.js';
import { DatasetError } from './errors.js';
import { type Candidate, candidates, findFiles } from './locate.js';
import type { DatasetEnvironment, ResolvedDatasetOptions } from './options.js';
import type { DatasetSpec } from './spec.js';
import type { Dataset } from './types.js';

/** Where a dataset's files were found. */
export interface Located {
  readonly dir: string;
  readonly files: Record<string, string>;
  readonly foundBy: Dataset['foundBy'];
}

/**
 * The dataset's files: from the explicit path alone, else the cache, then the system directory, else the subset
 * embedded in this package when the request fits it (unless `download: true`), else a verified download into the
 * cache; otherwise one `not-found` error listing where it looked and how to obtain the dataset.
 */
export async function locateDataset(
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
  const subset = embeddedSubset(spec, environment);
  const mismatch = subset && subsetMismatch(subset, options);
  if (subset && !mismatch && options.download !== true) {
    const files = await verifiedSubsetFiles(spec, subset);
    const notice = environment.log ?? ((line: string) => console.warn(line));
    notice(subsetNotice(spec, subset, places));
    return { dir: subset.dir, files, foundBy: 'embedded' };
  }
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
  if (subset)
    misses.push(
      `${subset.dir} (embedded subset of ${subset.trainCount} training images) not used: ${mismatch ?? 'download: true asks for the full set'}`,
    );
  throw new DatasetError('not-found', notFoundMessage(spec, misses, downloadLine, cache.dir));
}

/** The one line that says the run trains on the embedded subset, and how to get the full set. */
function subsetNotice(spec: DatasetSpec, subset: EmbeddedSubset, places: readonly Candidate[]): string {
  const install = spec.aptPackage ? `apt-get install ${spec.aptPackage}, or ` : '';
  return (
    `${spec.name}: the full ${spec.title} is not in ${places.map((p) => p.dir).join(' or ')}; using the ` +
    `${subset.trainCount}-image subset shipped with @penguin-nas/tfjs (checksums verified). For the full set: ${install}` +
    'set dataset.download: true'
  );
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
