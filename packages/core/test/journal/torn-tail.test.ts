import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, loadResumeState, readJournal } from '../../src/index.js';
import { writeFully } from '../../src/journal/disk.js';
import { resumableRun } from './resumable-run.js';

const RUN_STARTED =
  '{"type":"run-started","t":0,"runId":"r","seed":1,"resumed":false,"maxEpochs":5,"objectives":[]}';
const RUN_ENDED = '{"type":"run-ended","t":6,"reason":"budget","trials":0,"epochs":0,"seconds":0}';

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').trimEnd().split('\n');
}

describe('a torn last line (#13.1)', () => {
  it('is cut off when the journal opens, so resume and then report read a whole journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-torn-'));
    await resumableRun(dir);
    const file = join(dir, 'events.jsonl');
    const text = readFileSync(file, 'utf8');
    const lastLine = text.lastIndexOf('\n', text.length - 2) + 1;
    writeFileSync(file, text.slice(0, lastLine + 30)); // a crash 30 bytes into the last line

    await resumableRun(dir, { resume: true });
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    for (const [i, line] of lines(file).entries())
      expect(() => JSON.parse(line), `line ${i + 1}: ${line}`).not.toThrow();
    const { events, tornTail, mendedLines } = readJournal(dir);
    expect(tornTail).toBe(false);
    expect(mendedLines).toEqual([]);
    expect(
      events.filter((e) => e.type === 'run-started').map((e) => e.type === 'run-started' && e.resumed),
    ).toEqual([false, true]);
    expect(loadResumeState(dir).finished.length).toBe(14);
    // And again: a second resume and report still work.
    await resumableRun(dir, { resume: true });
    expect(readJournal(dir).events.filter((e) => e.type === 'run-ended').length).toBe(2);
  }, 30_000);

  it('reports how many bytes it cut and leaves a clean file untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-torn-'));
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${RUN_STARTED}\n{"type":"epo`);
    const journal = Journal.open(dir);
    expect(journal.droppedBytes).toBe(12);
    journal.append({ type: 'error', t: 1, code: 'X', message: 'after the tear' });
    journal.close();
    expect(lines(file)).toEqual([
      RUN_STARTED,
      '{"type":"error","t":1,"code":"X","message":"after the tear"}',
    ]);
    const again = Journal.open(dir);
    expect(again.droppedBytes).toBe(0);
    again.close();
    expect(lines(file).length).toBe(2);
  });

  it('reads a journal an older resume glued onto a torn fragment, keeping the complete event', () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-torn-'));
    writeFileSync(
      join(dir, 'events.jsonl'),
      `${RUN_STARTED}\n{"type":"run-ended","t":5,"rea${RUN_STARTED}\n${RUN_ENDED}\n`,
    );
    const { events, mendedLines } = readJournal(dir);
    expect(events.map((e) => e.type)).toEqual(['run-started', 'run-started', 'run-ended']);
    expect(mendedLines).toEqual([2]);
  });
});

describe('writeFully', () => {
  it('loops until every byte is written when the system writes only a few at a time', () => {
    const written: number[] = [];
    const calls: number[] = [];
    const trickle = (_fd: number, buffer: Uint8Array, offset: number, length: number) => {
      const n = Math.min(3, length);
      calls.push(n);
      written.push(...buffer.subarray(offset, offset + n));
      return n;
    };
    const text = Buffer.from('{"type":"epoch","t":1}\n');
    writeFully(7, text, trickle);
    expect(Buffer.from(written).toString()).toBe(text.toString());
    expect(calls.length).toBe(Math.ceil(text.length / 3));
  });

  it('refuses a write that makes no progress instead of spinning forever', () => {
    expect(() => writeFully(7, Buffer.from('abc'), () => 0)).toThrow(/write returned 0 after 0 of 3 bytes/);
  });
});

describe('the journal refuses values JSON cannot keep', () => {
  it('names the file instead of throwing a bare TypeError, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-json-'));
    const journal = Journal.open(dir);
    expect(() => journal.append({ type: 'plugin', t: 1, plugin: 'p', event: { type: 'x', n: 1n } })).toThrow(
      /events\.jsonl: expected plain JSON to write, got a value JSON cannot keep \(.*BigInt/,
    );
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => journal.writeCheckpoint(cycle)).toThrow(/checkpoint\.json: expected plain JSON to write/);
    journal.close();
    expect(readFileSync(join(dir, 'events.jsonl'), 'utf8')).toBe('');
  });
});
