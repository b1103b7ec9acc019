import { closeSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PenguinError } from '../errors.js';
import { renameFile, syncFile, truncateFile, writeFully } from './disk.js';
import type { JournalEvent } from './events.js';
import { stringifyJson } from './json.js';
import { acquireRunLock, type RunLock } from './lock.js';
import { CHECKPOINT_FILE, CONFIG_FILE, EVENTS_FILE, journalError } from './run-files.js';

export { type JournalContents, readJournal, readJsonFile } from './read-journal.js';
export { CHECKPOINT_FILE, CONFIG_FILE, EVENTS_FILE } from './run-files.js';

/**
 * The run journal: `events.jsonl` (append-only, one complete JSON object a line, each written in full before the
 * next, so a crash can tear at most the last line), `config.json`, and `checkpoint.json` (searcher and plugin
 * state, replaced atomically).
 */
export class Journal {
  private fd: number | undefined;
  private readonly started: number;
  /** Bytes of complete lines in `events.jsonl`: where the next line starts. */
  private size: number;
  /** True after a failed append left a partial line that could not be cut off yet. */
  private torn = false;

  private constructor(
    readonly dir: string,
    fd: number,
    private readonly lock: RunLock,
    size: number,
    /** Bytes of a torn last line (a crash mid-write) that `open` cut off; 0 when the file ended cleanly. */
    readonly droppedBytes: number,
    startedAt: number,
  ) {
    this.fd = fd;
    this.size = size;
    this.started = startedAt;
  }

  /**
   * Creates the directory if needed, takes its lock (one writer per run: a second `run` or `resume` of the same
   * directory is refused until `close()`), and opens `events.jsonl` for appending. A torn last
   * line left by a crash (or a full disk) is cut off first, so the next event starts on a line of its own.
   */
  static open(dir: string, now: number = Date.now()): Journal {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw journalError(dir, 'create it', error);
    }
    const lock = acquireRunLock(dir);
    const file = join(dir, EVENTS_FILE);
    let fd: number | undefined;
    try {
      const existing = readExisting(file);
      const size = existing.lastIndexOf(0x0a) + 1;
      fd = openSync(file, 'a');
      if (existing.length > size) truncateFile(fd, size);
      return new Journal(dir, fd, lock, size, existing.length - size, now);
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      lock.release();
      throw journalError(dir, `open ${EVENTS_FILE} for appending`, error);
    }
  }

  writeConfig(config: unknown): void {
    this.writeAtomically(CONFIG_FILE, `${this.toJson(CONFIG_FILE, config, 2)}\n`);
  }

  writeCheckpoint(checkpoint: unknown): void {
    this.writeAtomically(CHECKPOINT_FILE, this.toJson(CHECKPOINT_FILE, checkpoint));
  }

  /**
   * Appends one event; `sync` forces it to disk (used at every trial end). A write that fails part-way (a full
   * disk) is cut off again, here or before the next append, so no later line is glued onto a fragment.
   */
  append(event: JournalEvent, sync = false): void {
    const fd = this.fd;
    if (fd === undefined)
      throw new PenguinError('JOURNAL_ERROR', `run directory ${this.dir}: the journal is closed`);
    const line = Buffer.from(`${this.toJson(EVENTS_FILE, event)}\n`, 'utf8');
    try {
      if (this.torn) {
        truncateFile(fd, this.size);
        this.torn = false;
      }
      writeFully(fd, line);
    } catch (error) {
      this.cutTornLine(fd);
      throw journalError(this.dir, `append to ${EVENTS_FILE}`, error);
    }
    this.size += line.length;
    try {
      if (sync) syncFile(fd);
    } catch (error) {
      throw journalError(this.dir, `sync ${EVENTS_FILE}`, error);
    }
  }

  /** Milliseconds since the journal was opened in this process. */
  elapsed(now: number): number {
    return now - this.started;
  }

  /** Syncs and closes `events.jsonl` and gives up the run's lock. */
  close(): void {
    if (this.fd === undefined) return;
    try {
      syncFile(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
      this.lock.release();
    }
  }

  /** JSON text of `value`, or an error naming the file when it holds a BigInt or a cycle. */
  private toJson(name: string, value: unknown, space?: number): string {
    try {
      return stringifyJson(value, space);
    } catch (error) {
      throw new PenguinError(
        'JOURNAL_ERROR',
        `${join(this.dir, name)}: expected plain JSON to write, got a value JSON cannot keep (${(error as Error).message})`,
        { cause: error },
      );
    }
  }

  private cutTornLine(fd: number): void {
    try {
      truncateFile(fd, this.size);
    } catch {
      this.torn = true; // tried again before the next append
    }
  }

  private writeAtomically(name: string, text: string): void {
    const target = join(this.dir, name);
    const temp = `${target}.tmp`;
    try {
      const fd = openSync(temp, 'w');
      try {
        writeFully(fd, Buffer.from(text, 'utf8'));
        syncFile(fd);
      } finally {
        closeSync(fd);
      }
      renameFile(temp, target);
    } catch (error) {
      throw journalError(this.dir, `write ${name}`, error);
    }
  }
}

/** The bytes already in `file`, or none when it does not exist yet. */
function readExisting(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

/** Whether `dir` already holds a run (a non-empty `events.jsonl`). */
export function holdsRun(dir: string): boolean {
  try {
    return statSync(join(dir, EVENTS_FILE)).size > 0;
  } catch {
    return false;
  }
}
