import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { PenguinError } from '../errors.js';
import type { JournalEvent } from './events.js';
import { parseJson, stringifyJson } from './json.js';

export const EVENTS_FILE = 'events.jsonl';
export const CONFIG_FILE = 'config.json';
export const CHECKPOINT_FILE = 'checkpoint.json';

function journalError(dir: string, action: string, error: unknown): PenguinError {
  const code = (error as NodeJS.ErrnoException).code;
  return new PenguinError(
    'JOURNAL_ERROR',
    `run directory ${dir}: cannot ${action} (${code ?? (error as Error).message}); expected a writable directory`,
    { cause: error },
  );
}

/**
 * The run journal: `events.jsonl` (append-only, one complete JSON object a line, written with one `write`
 * each so a crash can tear at most the last line), `config.json`, and `checkpoint.json` (searcher and plugin
 * state, replaced atomically).
 */
export class Journal {
  private fd: number | undefined;
  private readonly started: number;

  private constructor(
    readonly dir: string,
    fd: number,
    startedAt: number,
  ) {
    this.fd = fd;
    this.started = startedAt;
  }

  /** Creates the directory if needed and opens `events.jsonl` for appending. */
  static open(dir: string, now: number = Date.now()): Journal {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw journalError(dir, 'create it', error);
    }
    try {
      const fd = openSync(join(dir, EVENTS_FILE), 'a');
      return new Journal(dir, fd, now);
    } catch (error) {
      throw journalError(dir, `open ${EVENTS_FILE} for appending`, error);
    }
  }

  writeConfig(config: unknown): void {
    this.writeAtomically(CONFIG_FILE, `${stringifyJson(config, 2)}\n`);
  }

  writeCheckpoint(checkpoint: unknown): void {
    this.writeAtomically(CHECKPOINT_FILE, stringifyJson(checkpoint));
  }

  /** Appends one event; `sync` forces it to disk (used at every trial end). */
  append(event: JournalEvent, sync = false): void {
    if (this.fd === undefined)
      throw new PenguinError('JOURNAL_ERROR', `run directory ${this.dir}: the journal is closed`);
    const line = `${stringifyJson(event)}\n`;
    try {
      writeSync(this.fd, line);
      if (sync) fsyncSync(this.fd);
    } catch (error) {
      throw journalError(this.dir, `append to ${EVENTS_FILE}`, error);
    }
  }

  /** Milliseconds since the journal was opened in this process. */
  elapsed(now: number): number {
    return now - this.started;
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private writeAtomically(name: string, text: string): void {
    const target = join(this.dir, name);
    const temp = `${target}.tmp`;
    try {
      writeFileSync(temp, text);
      renameSync(temp, target);
    } catch (error) {
      throw journalError(this.dir, `write ${name}`, error);
    }
  }
}

export interface JournalContents {
  readonly events: JournalEvent[];
  /** True when the last line was torn (a crash mid-write) and ignored. */
  readonly tornTail: boolean;
}

/**
 * Reads `events.jsonl`. A torn last line (a crash mid-write) is ignored; a malformed line anywhere else is an
 * error naming the line, because it means the file was damaged by something other than a crash.
 */
export function readJournal(dir: string): JournalContents {
  const file = join(dir, EVENTS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw journalError(dir, `read ${EVENTS_FILE}`, error);
  }
  const lines = text.split('\n');
  const events: JournalEvent[] = [];
  let tornTail = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    try {
      events.push(parseJson(line) as JournalEvent);
    } catch {
      const isLast = lines.slice(i + 1).every((rest) => rest.trim() === '');
      if (isLast) {
        tornTail = true;
        break;
      }
      throw new PenguinError(
        'JOURNAL_ERROR',
        `${file}:${i + 1}: expected a complete JSON object; the journal is damaged`,
      );
    }
  }
  return { events, tornTail };
}

export function readJsonFile(dir: string, name: string): unknown {
  const file = join(dir, name);
  try {
    return parseJson(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PenguinError('JOURNAL_ERROR', `${file}: cannot read (${(error as Error).message})`, {
      cause: error,
    });
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
