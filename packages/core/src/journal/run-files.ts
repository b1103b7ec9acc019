import { PenguinError } from '../errors.js';

/** The files of a run directory. */
export const EVENTS_FILE = 'events.jsonl';
export const CONFIG_FILE = 'config.json';
export const CHECKPOINT_FILE = 'checkpoint.json';

export function journalError(dir: string, action: string, error: unknown): PenguinError {
  const code = (error as NodeJS.ErrnoException).code;
  return new PenguinError(
    'JOURNAL_ERROR',
    `run directory ${dir}: cannot ${action} (${code ?? (error as Error).message}); expected a writable directory`,
    { cause: error },
  );
}
