import { z } from 'zod';
import { DatasetError } from './errors.js';
import { DATASET_NAMES, type DatasetName, type Normalization } from './types.js';

/**
 * The JSON part of the dataset options, as written in a config file (`dataset: { name: 'fashion-mnist', trainSize: 10000 }`).
 * Unknown keys are errors.
 */
export const datasetConfigSchema = z.strictObject({
  /** Which dataset. */
  name: z.enum(DATASET_NAMES),
  /** A directory holding the dataset's files; when given, it is the only place looked at. */
  path: z.string().min(1).optional(),
  /** Root of the download cache (`<cacheDir>/<name>/`); default `$PENGUIN_DATA`, else `$XDG_CACHE_HOME/penguin/datasets`, else `~/.cache/penguin/datasets`. */
  cacheDir: z.string().min(1).optional(),
  /** Training examples to keep (a subset of what is left after the validation split); default all. */
  trainSize: z.int().min(1).optional(),
  /** Validation examples held out from the official training files. */
  valSize: z.int().min(1).optional(),
  /** Fraction of the official training files held out for validation when `valSize` is absent; default 0.1. */
  valFraction: z.number().gt(0).lt(1).optional(),
  /** Test examples to keep from the official test files; 0 leaves the test split out; default all. */
  testSize: z.int().min(0).optional(),
  /** Seed of the split, the subsets and the shuffling; default 0. */
  seed: z.int().optional(),
  /** CIFAR-100 only: the 100 fine classes (default) or the 20 coarse superclasses. */
  labels: z.enum(['fine', 'coarse']).optional(),
  /** `unit` (default): pixels / 255; `standard`: per channel, minus the training mean, over the training standard deviation. */
  normalize: z.enum(['unit', 'standard']).optional(),
  /** Keep class proportions in every split and subset (default true); false draws seeded random subsets. */
  stratify: z.boolean().optional(),
  /**
   * Download to the cache when the dataset is not found and the subset embedded in this package does not fit the
   * request (default true unless `$PENGUIN_OFFLINE` is set to anything but '', '0' or 'false'); `true` also skips
   * the embedded subset, to get the full set.
   */
  download: z.boolean().optional(),
});

export type DatasetConfig = z.input<typeof datasetConfigSchema>;

/** What a successful download request needs from a fetch implementation (the global `fetch` fits). */
export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<FetchResponseLike>;

/** Seams for tests and embedders: where to look and how to download, without touching the real machine. */
export interface DatasetEnvironment {
  /** Downloads with this function (default: the global `fetch`). */
  readonly fetch?: FetchLike;
  /** Environment variables (default `process.env`): `PENGUIN_DATA`, `XDG_CACHE_HOME`, `PENGUIN_OFFLINE`, `PENGUIN_SYSTEM_DATASETS`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The user's home directory (default `os.homedir()`). */
  readonly homeDir?: string;
  /** System-wide dataset root (default `$PENGUIN_SYSTEM_DATASETS`, else `/usr/share/datasets`, where Debian's `dataset-*` packages put them). */
  readonly systemDir?: string;
  /** Called with one line per step (where it looked, what it downloaded; default: only the embedded-subset line, to stderr). */
  readonly log?: (message: string) => void;
  /** Root of the embedded subsets (`<root>/<name>-subset/`; default this package's `data/` folder). */
  readonly embeddedDir?: string;
  /** Allocate `x` and `y` in SharedArrayBuffers, so worker threads can read one copy (default false). */
  readonly shared?: boolean;
}

export type LoadDatasetOptions = DatasetConfig & DatasetEnvironment;

/** Options after validation, with defaults filled in. */
export interface ResolvedDatasetOptions {
  readonly name: DatasetName;
  readonly path: string | undefined;
  readonly cacheDir: string | undefined;
  readonly trainSize: number | undefined;
  readonly valSize: number | undefined;
  readonly valFraction: number;
  readonly testSize: number | undefined;
  readonly seed: number;
  readonly labels: 'fine' | 'coarse';
  readonly normalize: Normalization;
  readonly stratify: boolean;
  readonly download: boolean | undefined;
}

const EXPECTED: Record<string, string> = {
  name: `one of ${DATASET_NAMES.map((n) => `'${n}'`).join(', ')}`,
  path: 'a non-empty string',
  cacheDir: 'a non-empty string',
  trainSize: 'an integer >= 1',
  valSize: 'an integer >= 1',
  valFraction: 'a number strictly between 0 and 1',
  testSize: 'an integer >= 0',
  seed: 'an integer',
  labels: "'fine' or 'coarse'",
  normalize: "'unit' or 'standard'",
  stratify: 'true or false',
  download: 'true or false',
};

const ENVIRONMENT_KEYS = new Set(['fetch', 'env', 'homeDir', 'systemDir', 'embeddedDir', 'log', 'shared']);

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value) ?? typeof value;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

function didYouMean(key: string): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of Object.keys(EXPECTED)) {
    const distance = editDistance(key, known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

/** Validates options and fills in defaults; throws a `DatasetError` (kind `options`) naming every bad key. */
export function resolveDatasetOptions(options: unknown, where = 'dataset'): ResolvedDatasetOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new DatasetError(
      'options',
      `${where}: expected an object with at least a name, got ${show(options)}`,
    );
  }
  const config = Object.fromEntries(Object.entries(options).filter(([key]) => !ENVIRONMENT_KEYS.has(key)));
  const parsed = datasetConfigSchema.safeParse(config);
  if (!parsed.success) {
    const lines = parsed.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `${where}: unknown option '${key}'${didYouMean(key)}`);
      }
      const key = String(issue.path[0] ?? '');
      const expected = EXPECTED[key] ?? issue.message;
      return [`${where}.${key}: expected ${expected}, got ${show(config[key])}`];
    });
    throw new DatasetError('options', lines.join('\n'));
  }
  const o = parsed.data;
  if (o.valSize !== undefined && o.valFraction !== undefined) {
    throw new DatasetError(
      'options',
      `${where}: expected valSize or valFraction, not both; got valSize ${o.valSize} and valFraction ${o.valFraction}`,
    );
  }
  if (o.labels !== undefined && o.name !== 'cifar100') {
    throw new DatasetError(
      'options',
      `${where}.labels: only cifar100 has fine and coarse labels, got labels '${o.labels}' for ${o.name}`,
    );
  }
  return {
    name: o.name,
    path: o.path,
    cacheDir: o.cacheDir,
    trainSize: o.trainSize,
    valSize: o.valSize,
    valFraction: o.valFraction ?? 0.1,
    testSize: o.testSize,
    seed: o.seed ?? 0,
    labels: o.labels ?? 'fine',
    normalize: o.normalize ?? 'unit',
    stratify: o.stratify ?? true,
    download: o.download,
  };
}
