import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError } from './errors.js';
import { gunzipIfNeeded } from './gzip.js';
import { findFiles } from './locate.js';
import type { DatasetEnvironment, ResolvedDatasetOptions } from './options.js';
import type { DatasetSpec } from './spec.js';

/** Where this package keeps its embedded subsets (`data/<name>-subset/`), from `src/datasets` and `dist/datasets` alike. */
export const EMBEDDED_ROOT = fileURLToPath(new URL('../../data/', import.meta.url));

/** A fixed subset of a dataset shipped inside the package, made and verified by scripts/fashion-mnist-subset.mjs. */
export interface EmbeddedSubset {
  readonly dir: string;
  readonly trainCount: number;
  readonly testCount: number;
  /** SHA-256 of each file's decompressed content, by file name. */
  readonly sha256: Readonly<Record<string, string>>;
}

interface Manifest {
  readonly perClass: number;
  readonly testPerClass: number;
  readonly files: Record<string, string>;
}

/** The embedded subset of this dataset, if the package ships one. */
export function embeddedSubset(
  spec: DatasetSpec,
  environment: DatasetEnvironment,
): EmbeddedSubset | undefined {
  const dir = join(environment.embeddedDir ?? EMBEDDED_ROOT, `${spec.name}-subset`);
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const classes = spec.classNames('fine').length;
  return {
    dir,
    trainCount: manifest.perClass * classes,
    testCount: manifest.testPerClass * classes,
    sha256: manifest.files,
  };
}

/**
 * Why the subset cannot serve these options, or undefined when it can: the request must name its training and
 * validation sizes (a request for "all of it" wants the full set) and fit in the subset.
 */
export function subsetMismatch(subset: EmbeddedSubset, options: ResolvedDatasetOptions): string | undefined {
  const { trainSize, valSize, testSize } = options;
  if (trainSize === undefined || valSize === undefined)
    return 'it serves only requests that give trainSize and valSize';
  if (trainSize + valSize > subset.trainCount)
    return `trainSize + valSize must be at most ${subset.trainCount}, got ${trainSize} + ${valSize}`;
  if (testSize !== undefined && testSize > subset.testCount)
    return `testSize must be at most ${subset.testCount}, got ${testSize}`;
  return undefined;
}

/** The subset's files, each checked against its recorded SHA-256; a `checksum` error names the file that differs. */
export async function verifiedSubsetFiles(
  spec: DatasetSpec,
  subset: EmbeddedSubset,
): Promise<Record<string, string>> {
  const found = findFiles(spec, subset.dir);
  if (!found.found) {
    throw new DatasetError(
      'not-found',
      `${spec.name}: the embedded subset in ${subset.dir} lacks ${found.missing.join(', ')}; reinstall @penguin-nas/tfjs`,
    );
  }
  for (const file of Object.values(found.files)) {
    const name = file.slice(found.dir.length + 1);
    const content = gunzipIfNeeded(await readFile(file), file);
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== subset.sha256[name]) {
      throw new DatasetError(
        'checksum',
        `${file}: expected the SHA-256 ${subset.sha256[name] ?? '(none recorded)'} of manifest.json for the decompressed content, got ${actual}; ` +
          'the embedded subset is damaged: reinstall @penguin-nas/tfjs or run node scripts/fashion-mnist-subset.mjs',
      );
    }
  }
  return found.files;
}
