import type { TrialSnapshot } from '../types.js';
import type { CurveRecord } from './read-curve-file.js';

/**
 * A trial's curve as a record of the curve-file format (`penguin replay`'s input): one array per metric the curve
 * logged, `null` where a point lacks the metric or its value is not finite; the genome is kept.
 */
export function curveRecordOf(trial: Pick<TrialSnapshot, 'id' | 'curve' | 'genome'>): CurveRecord {
  const names = [...new Set(trial.curve.flatMap((point) => Object.keys(point)))].filter(
    (name) => name !== 'epoch',
  );
  const metrics: Record<string, (number | null)[]> = {};
  for (const name of names) {
    metrics[name] = trial.curve.map((point) => {
      const value = point[name];
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    });
  }
  return {
    id: trial.id,
    epochs: trial.curve.map((point) => point.epoch),
    metrics,
    genome: trial.genome,
    extra: {},
  };
}

/** Curve records as the text of a curve file: one JSON object per line, `{ id, epochs, <metric>: [...], genome, … }`. */
export function formatCurveText(records: readonly CurveRecord[]): string {
  return records
    .map((record) => {
      const line: Record<string, unknown> = { ...record.extra, id: record.id, epochs: record.epochs };
      for (const [name, values] of Object.entries(record.metrics)) line[name] = values;
      if (record.genome !== undefined) line.genome = record.genome;
      return `${JSON.stringify(line)}\n`;
    })
    .join('');
}
