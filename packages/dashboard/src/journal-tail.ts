import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS_FILE, type JournalEvent, PenguinError, parseJson } from '@penguin-nas/core';

/**
 * Follows a growing `events.jsonl`: each `poll()` reads only the bytes appended since the last one and returns the
 * complete lines as events. A torn last line (the writer is mid-append, or crashed) waits until it is completed.
 * A file that shrank (replaced by a new run) is read again from the start and `reset` says so.
 */
export class JournalTail {
  private offset = 0;
  private pending = Buffer.alloc(0);
  private lineNumber = 0;
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = join(dir, EVENTS_FILE);
  }

  /** The events appended since the last poll; `reset` when the file was replaced and everything is new. */
  poll(): { events: JournalEvent[]; reset: boolean } {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], reset: false };
      throw new PenguinError('JOURNAL_ERROR', `${this.file}: cannot read (${(error as Error).message})`);
    }
    try {
      const size = fstatSync(fd).size;
      const reset = size < this.offset;
      if (reset) {
        this.offset = 0;
        this.pending = Buffer.alloc(0);
        this.lineNumber = 0;
      }
      if (size === this.offset) return { events: [], reset };
      const chunk = Buffer.alloc(size - this.offset);
      const read = readSync(fd, chunk, 0, chunk.length, this.offset);
      this.offset += read;
      return { events: this.take(Buffer.concat([this.pending, chunk.subarray(0, read)])), reset };
    } finally {
      closeSync(fd);
    }
  }

  /** Parses the complete lines of `bytes` and keeps the unterminated rest for the next poll. */
  private take(bytes: Buffer): JournalEvent[] {
    const events: JournalEvent[] = [];
    let start = 0;
    for (let end = bytes.indexOf(10); end !== -1; end = bytes.indexOf(10, start)) {
      const line = bytes.subarray(start, end).toString('utf8');
      start = end + 1;
      this.lineNumber++;
      if (line.trim() === '') continue;
      try {
        events.push(parseJson(line) as JournalEvent);
      } catch {
        throw new PenguinError(
          'JOURNAL_ERROR',
          `${this.file}:${this.lineNumber}: expected a complete JSON object; the journal is damaged`,
        );
      }
    }
    this.pending = Buffer.from(bytes.subarray(start));
    return events;
  }
}
