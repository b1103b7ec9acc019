import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCurveText, readCurveFile } from '../../src/index.js';
import { NB201 } from '../paths.js';

describe('readCurveFile', () => {
  it('reads the NB201 file: 200 curves of 200 epochs with genomes', async () => {
    const records = await readCurveFile(NB201);
    expect(records.length).toBe(200);
    const first = records[0]!;
    expect(first.epochs.length).toBe(200);
    expect(first.metrics.val_acc?.length).toBe(200);
    expect(Object.keys(first.genome ?? {}).length).toBe(6);
    expect(first.extra.arch).toBeTypeOf('string');
  });

  it('turns nulls and non-finite values into null, keeps other fields as extra', () => {
    const [r] = parseCurveText('{"id":"a","epochs":[1,2,3],"val_acc":[1,null,3],"note":"x"}\n', 'f.jsonl');
    expect(r?.metrics.val_acc).toEqual([1, null, 3]);
    expect(r?.extra).toEqual({ note: 'x' });
  });

  it('names the file and line of a malformed record', () => {
    const text = '{"id":"a","epochs":[1],"v":[1]}\n{"id":"b","epochs":[1,2],"v":[1]\n';
    expect(() => parseCurveText(text, 'curves.jsonl')).toThrow(
      /^curves\.jsonl:2: expected a JSON object, got invalid JSON/,
    );
    expect(() => parseCurveText('{"id":"a","epochs":[1,2],"v":[1,2,3]}', 'c.jsonl')).toThrow(
      'c.jsonl:1: metric "v" has 3 values but "epochs" has 2 (record a)',
    );
    expect(() => parseCurveText('{"id":"a","epochs":[]}', 'c.jsonl')).toThrow(
      'expected "epochs" to be a non-empty array',
    );
    expect(() => parseCurveText('[1,2]', 'c.jsonl')).toThrow(
      'c.jsonl:1: expected a JSON object, got an array',
    );
    expect(() =>
      parseCurveText('{"id":"a","epochs":[1],"v":[1]}\n{"id":"a","epochs":[1],"v":[1]}', 'c.jsonl'),
    ).toThrow('c.jsonl:2: duplicate id "a"');
    expect(() => parseCurveText('\n\n', 'c.jsonl')).toThrow(
      'c.jsonl: expected at least one curve, found none',
    );
  });

  it('says when the file cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-curves-'));
    await expect(readCurveFile(join(dir, 'missing.jsonl'))).rejects.toThrow(
      /missing\.jsonl: cannot read the curve file \(ENOENT\)/,
    );
    writeFileSync(join(dir, 'ok.jsonl'), '{"id":1,"epochs":[1],"loss":[0.5]}\n');
    expect((await readCurveFile(join(dir, 'ok.jsonl')))[0]?.id).toBe('1');
  });
});
