import { describe, expect, it } from 'vitest';
import { curveRecordOf, formatCurveText, parseCurveText } from '../../src/index.js';

describe('curve files: writing', () => {
  const trial = {
    id: 't7',
    genome: { width: 64, activation: 'relu' },
    curve: [
      { epoch: 0.5, val_acc: 47.2, val_loss: 1.67 },
      { epoch: 1, val_acc: 64.16, val_loss: null },
      { epoch: 1.5, val_acc: 66.24 },
    ],
  };

  it('keeps every metric a trial logged, null where a point lacks it, and the genome', () => {
    const record = curveRecordOf(trial);
    expect(record.epochs).toEqual([0.5, 1, 1.5]);
    expect(record.metrics).toEqual({ val_acc: [47.2, 64.16, 66.24], val_loss: [1.67, null, null] });
    expect(record.genome).toEqual(trial.genome);
  });

  it('writes one line per record that the reader parses back to the same record', () => {
    const records = [
      curveRecordOf(trial),
      curveRecordOf({ ...trial, id: 't8', curve: trial.curve.slice(0, 1) }),
    ];
    const text = formatCurveText(records);
    expect(text.split('\n')).toHaveLength(3); // two lines and the final newline
    expect(parseCurveText(text, 'written.jsonl')).toEqual(records);
  });

  it('keeps the extra fields of a record it read', () => {
    const [read] = parseCurveText('{"id":"a","epochs":[1,2],"val_acc":[1,2],"arch":"|conv|"}\n', 'a.jsonl');
    if (read === undefined) throw new Error('expected a record');
    expect(parseCurveText(formatCurveText([read]), 'b.jsonl')).toEqual([read]);
  });
});
