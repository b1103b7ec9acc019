import type { CurveRecord } from '@penguin-nas/core';

/** A recorded curve ready to replay: its target epoch and the ground truth there. */
export interface ReplayCurve {
  readonly record: CurveRecord;
  /** The epoch the NAS would train this curve to: the prediction target and its full cost. */
  readonly target: number;
  /**
   * The fitness full training would give: the last finite value at or before the target, as the engine measures
   * it (so "no termination" scores exactly); null when the curve has no finite value at all.
   */
  readonly trueFinal: number | null;
}

export interface SkippedCurve {
  readonly id: string;
  readonly reason: string;
}

export interface PreparedCurves {
  readonly curves: readonly ReplayCurve[];
  readonly skipped: readonly SkippedCurve[];
}

/** `val_acc` when the records have it, else the first metric of the first record. */
export function guessMetric(records: readonly CurveRecord[]): string {
  const first = records[0];
  if (!first) throw new RangeError('replay: expected at least one curve, got none');
  if ('val_acc' in first.metrics) return 'val_acc';
  const name = Object.keys(first.metrics)[0];
  if (name === undefined) throw new RangeError(`replay: record ${first.id} has no metric`);
  return name;
}

/**
 * Picks the curves that can be replayed for one metric. The target is each curve's last trained epoch
 * (epoch > 0: TaskSet's index 0 is "before training"), or `target` for every curve when given.
 * A curve is skipped, with its reason, when it lacks the metric, its epochs do not increase, or it never reaches the
 * target.
 */
export function prepareCurves(
  records: readonly CurveRecord[],
  metric: string,
  target?: number,
): PreparedCurves {
  if (target !== undefined && !(Number.isFinite(target) && target > 0))
    throw new RangeError(`replay.target: expected a positive finite epoch, got ${target}`);
  const curves: ReplayCurve[] = [];
  const skipped: SkippedCurve[] = [];
  for (const record of records) {
    const values = record.metrics[metric];
    if (!values) {
      const has = Object.keys(record.metrics).join(', ');
      skipped.push({ id: record.id, reason: `no metric "${metric}" (it has ${has})` });
      continue;
    }
    const disorder = record.epochs.findIndex((e, i) => i > 0 && !(e > (record.epochs[i - 1] as number)));
    if (disorder > 0) {
      const shown = `${record.epochs[disorder - 1]} then ${record.epochs[disorder]}`;
      skipped.push({ id: record.id, reason: `epochs not increasing at index ${disorder} (${shown})` });
      continue;
    }
    let index = -1;
    for (let i = 0; i < record.epochs.length; i++) {
      const epoch = record.epochs[i] as number;
      if (epoch <= 0) continue;
      if (target !== undefined && epoch > target + 1e-9) continue;
      if (index < 0 || epoch > (record.epochs[index] as number)) index = i;
    }
    const last = index < 0 ? undefined : (record.epochs[index] as number);
    if (last === undefined) {
      skipped.push({ id: record.id, reason: 'no trained epoch (all epochs <= 0)' });
      continue;
    }
    if (target !== undefined && Math.abs(last - target) > 1e-9) {
      skipped.push({ id: record.id, reason: `ends at epoch ${last}, before the target ${target}` });
      continue;
    }
    let trueFinal: number | null = null;
    let trueEpoch = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < record.epochs.length; i++) {
      const epoch = record.epochs[i] as number;
      const value = values[i];
      if (epoch <= 0 || epoch > last + 1e-9 || epoch < trueEpoch) continue;
      if (typeof value === 'number' && Number.isFinite(value)) {
        trueFinal = value;
        trueEpoch = epoch;
      }
    }
    curves.push({ record, target: last, trueFinal });
  }
  return { curves, skipped };
}

/** Why no curve can be replayed, in the user's terms: the metric nobody has, or the target nobody reaches. */
export function nothingToReplay(
  records: readonly CurveRecord[],
  skipped: readonly SkippedCurve[],
  metric: string,
  target: number | undefined,
): string {
  if (records.every((r) => !r.metrics[metric])) {
    const found = [...new Set(records.flatMap((r) => Object.keys(r.metrics)))].join(', ') || 'none';
    return `no curve has the metric "${metric}" (metrics found: ${found}); choose one with --metric`;
  }
  if (target !== undefined) {
    const longest = Math.max(...records.filter((r) => r.metrics[metric]).map((r) => Math.max(...r.epochs)));
    return `no curve reaches the target epoch ${target} (the longest ends at epoch ${longest}); lower --target`;
  }
  const first = skipped[0];
  return `no curve can be replayed for metric "${metric}"${first ? ` (first: ${first.id}: ${first.reason})` : ''}`;
}

/**
 * A configuration naming a training metric (`calibration.trainingMetric`) that no curve logs: the message for it, or
 * undefined. A misspelt name would otherwise replay exactly as without one; `'auto'` may find none (it is optional).
 */
export function missingTrainingMetric(
  records: readonly CurveRecord[],
  configs: readonly { readonly name: string; readonly options: Readonly<Record<string, unknown>> }[],
): string | undefined {
  for (const config of configs) {
    const calibration = config.options.calibration;
    const named =
      typeof calibration === 'object' && calibration !== null
        ? (calibration as { readonly trainingMetric?: unknown }).trainingMetric
        : undefined;
    if (typeof named !== 'string' || named === 'auto') continue;
    if (records.some((r) => r.metrics[named])) continue;
    const found = [...new Set(records.flatMap((r) => Object.keys(r.metrics)))].join(', ') || 'none';
    return `configuration "${config.name}": calibration.trainingMetric "${named}" is in no curve (metrics found: ${found}); name one of them or use "auto"`;
  }
  return undefined;
}
