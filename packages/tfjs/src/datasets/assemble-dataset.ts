import { createRng } from '@penguin-nas/core';
import { DatasetError } from './errors.js';
import type { Located } from './find-dataset.js';
import { channelStats, gatherSplit } from './normalize.js';
import type { ResolvedDatasetOptions } from './options.js';
import type { DatasetSpec } from './spec.js';
import { drawIndices, range } from './split.js';
import type { Dataset, RawDataset } from './types.js';

function tooMany(key: string, limit: number, why: string, got: number): DatasetError {
  return new DatasetError('options', `dataset.${key}: expected at most ${limit} (${why}), got ${got}`);
}

/**
 * Splits validation off the official training part, draws the training and test subsets (seeded, stratified on
 * request) and normalises them. The validation part depends only on the seed, its size and `stratify`.
 */
export function assembleDataset(
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
