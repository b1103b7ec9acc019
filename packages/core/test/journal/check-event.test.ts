import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResumeState, readJournal } from '../../src/index.js';
import { resumableRun } from './resumable-run.js';

const dir = mkdtempSync(join(tmpdir(), 'penguin-tampered-'));
await resumableRun(dir);
const file = join(dir, 'events.jsonl');
const original = readFileSync(file, 'utf8').split('\n');

/** Rewrites the first line holding `type` with `edit` and returns its 1-based number. */
function tamper(type: string, edit: (event: Record<string, unknown>) => void): number {
  const lines = [...original];
  const at = lines.findIndex((l) => l.includes(`"type":"${type}"`));
  const event = JSON.parse(lines[at] as string);
  edit(event);
  lines[at] = JSON.stringify(event);
  writeFileSync(file, lines.join('\n'));
  return at + 1;
}

describe('journal field types are checked on load (#13.12)', () => {
  const cases: [string, string, (e: Record<string, unknown>) => void, string][] = [
    [
      'run-started',
      'an HTML seed',
      (e) => {
        e.seed = '<img src=x onerror=alert(1)>';
      },
      'seed: expected a number, got "<img src=x onerror=alert(1)>"',
    ],
    [
      'run-started',
      'a runId with markup',
      (e) => {
        e.runId = '<b>x</b>';
      },
      'runId: expected an id',
    ],
    [
      'trial-started',
      'a genome that is a string',
      (e) => {
        e.genome = 'rm -rf';
      },
      'genome: expected an object, got "rm -rf"',
    ],
    [
      'epoch',
      'a metric that is a string',
      (e) => {
        (e.logs as Record<string, unknown>).val_acc = '99';
      },
      'logs: expected an object of numbers (or null) with a numeric epoch',
    ],
    [
      'trial-ended',
      'an unknown status',
      (e) => {
        e.status = 'won';
      },
      'status: expected "completed", "stopped" or "failed", got "won"',
    ],
    [
      'fitness',
      'a fitness value that is a string',
      (e) => {
        e.fitness = { val_acc: { value: 'high' } };
      },
      'fitness: expected an object of { value: number } objectives',
    ],
    [
      'run-ended',
      'a missing t',
      (e) => {
        delete e.t;
      },
      't: expected a number of milliseconds, got undefined',
    ],
  ];
  it.each(cases)('%s with %s is refused, naming file:line and the field', (type, _, edit, message) => {
    const line = tamper(type, edit);
    expect(() => readJournal(dir)).toThrow(`${file}:${line}: ${message}`);
    expect(() => loadResumeState(dir)).toThrow(/the journal was altered or not written by Penguin/);
  });

  it('accepts the untouched journal and events of types it does not know', () => {
    writeFileSync(file, `${original.join('\n').trimEnd()}\n{"type":"from-the-future","t":9,"x":[1]}\n`);
    expect(readJournal(dir).events.length).toBe(original.filter((l) => l !== '').length + 1);
  });

  it('renders a long hostile value short', () => {
    tamper('run-started', (e) => {
      e.seed = `<script>${'x'.repeat(500)}</script>`;
    });
    expect(() => readJournal(dir)).toThrow(/seed: expected a number, got "<script>x{48}\.\.\.; the journal/);
  });
});
