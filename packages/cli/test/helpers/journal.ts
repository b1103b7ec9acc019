import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface JournalLine {
  readonly type: string;
  readonly trialId?: string;
  readonly [key: string]: unknown;
}

/** Every line of a run's events.jsonl, parsed (throws on a damaged line). */
export function journalLines(dir: string): JournalLine[] {
  return readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JournalLine);
}

/** Ids of trials that ended, in order. */
export function endedTrials(dir: string): string[] {
  return journalLines(dir)
    .filter((e) => e.type === 'trial-ended')
    .map((e) => e.trialId as string);
}
