import type { EpochLogs } from '@penguin-nas/core';

/** The finite value of `metric` in one log entry, if it has one. */
function loggedValue(logs: EpochLogs, metric: string): number | undefined {
  const value = logs[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The mean of a few values, each divided first (two values near the largest finite number stay finite). */
function meanOf(values: readonly number[]): number {
  let mean = 0;
  for (const value of values) mean += value / values.length;
  return mean;
}

/**
 * The calibration's training-metric feature at the trial's point `epoch`: the mean of the last `smoothing` finite
 * values of `metric` logged at or before that epoch (in log order), null before the first one.
 */
export function latestTrainingFeature(
  logs: readonly EpochLogs[],
  metric: string,
  epoch: number,
  smoothing: number,
): number | null {
  const values: number[] = [];
  for (let i = logs.length - 1; i >= 0 && values.length < smoothing; i--) {
    const entry = logs[i] as EpochLogs;
    if (entry.epoch > epoch + 1e-9) continue;
    const value = loggedValue(entry, metric);
    if (value !== undefined) values.push(value);
  }
  return values.length === 0 ? null : meanOf(values);
}

/**
 * The same feature at each of `epochs` (ascending), for a finished trial: one pass over logs in epoch order, and
 * `latestTrainingFeature` at each epoch where a log came out of order (so both always agree).
 */
export function trainingFeatures(
  logs: readonly EpochLogs[],
  metric: string,
  epochs: readonly number[],
  smoothing: number,
): (number | null)[] {
  const ordered = logs.every((entry, i) => i === 0 || entry.epoch >= (logs[i - 1] as EpochLogs).epoch);
  if (!ordered) return epochs.map((epoch) => latestTrainingFeature(logs, metric, epoch, smoothing));
  const window: number[] = [];
  let next = 0;
  return epochs.map((epoch) => {
    for (; next < logs.length && (logs[next] as EpochLogs).epoch <= epoch + 1e-9; next++) {
      const value = loggedValue(logs[next] as EpochLogs, metric);
      if (value === undefined) continue;
      window.push(value);
      if (window.length > smoothing) window.shift();
    }
    // Newest first, as latestTrainingFeature sums them (the same rounding).
    return window.length === 0 ? null : meanOf([...window].reverse());
  });
}

/**
 * The training metric a configured name stands for in these logs: the name itself, or for `auto` the first of
 * `train_<base>`, `training_<base>` and `<base>` that the logs have, where the validated metric is `val_<base>`,
 * `valid_<base>` or `validation_<base>` (Keras and TensorFlow.js log `acc` beside `val_acc`). Undefined when `auto`
 * finds none, or the validated metric has no such prefix.
 */
export function resolveTrainingMetric(
  configured: string,
  validated: string,
  logs: readonly EpochLogs[],
): string | undefined {
  if (configured !== 'auto') return configured;
  const base = /^(?:val|valid|validation)_(.+)$/.exec(validated)?.[1];
  if (base === undefined) return undefined;
  const logged = (name: string) => logs.some((entry) => loggedValue(entry, name) !== undefined);
  return [`train_${base}`, `training_${base}`, base].find(logged);
}
