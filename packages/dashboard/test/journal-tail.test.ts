import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalTail } from '../src/index.js';

const line = (t: number) => `${JSON.stringify({ type: 'plugin', t, plugin: 'p', event: {} })}\n`;

describe('JournalTail', () => {
  it('returns only appended events and waits for a torn last line to be completed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-tail-'));
    const tail = new JournalTail(dir);
    expect(tail.poll()).toEqual({ events: [], reset: false }); // no journal yet
    writeFileSync(join(dir, 'events.jsonl'), line(1) + line(2));
    expect(tail.poll().events.map((e) => e.t)).toEqual([1, 2]);
    expect(tail.poll().events).toEqual([]);
    const third = line(3);
    appendFileSync(join(dir, 'events.jsonl'), third.slice(0, 10));
    expect(tail.poll().events).toEqual([]);
    appendFileSync(join(dir, 'events.jsonl'), third.slice(10) + line(4));
    expect(tail.poll().events.map((e) => e.t)).toEqual([3, 4]);
  });

  it('starts again when the journal is replaced by a shorter one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-tail-'));
    const tail = new JournalTail(dir);
    writeFileSync(join(dir, 'events.jsonl'), line(1) + line(2));
    tail.poll();
    writeFileSync(join(dir, 'events.jsonl'), line(7));
    expect(tail.poll()).toMatchObject({ reset: true, events: [{ t: 7 }] });
  });

  it('names the line of a damaged journal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'penguin-tail-'));
    writeFileSync(join(dir, 'events.jsonl'), `${line(1)}{oops\n${line(2)}`);
    expect(() => new JournalTail(dir).poll()).toThrow(/events\.jsonl:2: expected a complete JSON object/);
  });
});
