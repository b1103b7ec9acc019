import { assembleDataset } from './assemble-dataset.js';
import { DATASETS } from './catalog.js';
import { locateDataset } from './find-dataset.js';
import { type LoadDatasetOptions, resolveDatasetOptions } from './options.js';
import type { Dataset } from './types.js';

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
  const located = await locateDataset(spec, resolved, options);
  options.log?.(`${spec.name}: reading ${located.dir} (${located.foundBy})`);
  const raw = await spec.read(located.files, resolved.labels);
  return assembleDataset(spec, resolved, raw, located, options.shared ?? false);
}
