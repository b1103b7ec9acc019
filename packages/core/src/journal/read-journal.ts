import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PenguinError } from '../errors.js';
import { eventFieldError } from './check-event.js';
import type { JournalEvent } from './events.js';
import { parseJson } from './json.js';
import { EVENTS_FILE, journalError } from './run-files.js';

export interface JournalContents {
  readonly events: JournalEvent[];
  /** True when the last line was torn (a crash mid-write) and ignored. */
  readonly tornTail: boolean;
  /**
   * Lines (1-based) that held a torn fragment followed by a complete event: what a resume wrote after a crash
   * before journals cut torn lines on open. The fragment is ignored and the event kept.
   */
  readonly mendedLines: readonly number[];
}

/**
 * Reads `events.jsonl`. A torn last line (a crash mid-write) is ignored, and so is a torn fragment that an older
 * resume glued a complete event onto; any other malformed line is an error naming the line, because it means the
 * file was damaged by something other than a crash.
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
  const mendedLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = parseJson(line);
    } catch {
      const isLast = lines.slice(i + 1).every((rest) => rest.trim() === '');
      if (isLast) {
        tornTail = true;
        break;
      }
      parsed = eventAfterFragment(line);
      if (parsed === undefined) {
        throw new PenguinError(
          'JOURNAL_ERROR',
          `${file}:${i + 1}: expected a complete JSON object; the journal is damaged`,
        );
      }
      mendedLines.push(i + 1);
    }
    const wrong = eventFieldError(parsed);
    if (wrong !== undefined) {
      throw new PenguinError(
        'JOURNAL_ERROR',
        `${file}:${i + 1}: ${wrong}; the journal was altered or not written by Penguin`,
      );
    }
    events.push(parsed as JournalEvent);
  }
  return { events, tornTail, mendedLines };
}

/** The complete event at the end of `line` when it starts with a torn fragment of another, else undefined. */
function eventAfterFragment(line: string): unknown {
  const start = line.lastIndexOf('{"type":"');
  if (start <= 0) return undefined;
  try {
    return parseJson(line.slice(start));
  } catch {
    return undefined;
  }
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
