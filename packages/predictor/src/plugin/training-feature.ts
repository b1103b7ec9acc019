import type { EpochLogs } from '@penguin-nas/core';

/** The finite value of `metric` in one log entry, if it has one. */
function loggedValue(logs: EpochLogs, metric: string): number | undefined {
  const value = logs[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The calibration's training-metric feature at each of `epochs` (ascending): the mean of the last `smoothing`
 * finite values of `metric` logged at or before that epoch, null before the first one. One pass over the logs.
 */
export function trainingFeatures(
  logs: readonly EpochLogs[],
  metric: string,
  epochs: readonly number[],
  smoothing: number,
): (number | null)[] {
  const window: number[] = [];
  let sum = 0;
  let next = 0;
  return epochs.map((epoch) => {
    for (; next < logs.length && (logs[next] as EpochLogs).epoch <= epoch + 1e-9; next++) {
      const value = loggedValue(logs[next] as EpochLogs, metric);
      if (value === undefined) continue;
      window.push(value);
      sum += value;
      if (window.length > smoothing) sum -= window.shift() as number;
    }
    return window.length === 0 ? null : sum / window.length;
  });
}

/** The feature at the trial's latest point `epoch` only: a scan back from the newest log. */
export function latestTrainingFeature(
  logs: readonly EpochLogs[],
  metric: string,
  epoch: number,
  smoothing: number,
): number | null {
  let sum = 0;
  let count = 0;
  for (let i = logs.length - 1; i >= 0 && count < smoothing; i--) {
    const entry = logs[i] as EpochLogs;
    if (entry.epoch > epoch + 1e-9) continue;
    const value = loggedValue(entry, metric);
    if (value === undefined) continue;
    sum += value;
    count++;
  }
  return count === 0 ? null : sum / count;
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
