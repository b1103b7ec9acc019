import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRun, renderReport } from '../src/index.js';
import { recordedRun } from './recorded-run.js';

const ATTACK = '<img src=x onerror=alert(1)>';

/** Rewrites every event of a journal with `tamper`. */
function tamperJournal(dir: string, tamper: (event: Record<string, unknown>) => void): void {
  const file = join(dir, 'events.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const edited = lines.map((line) => {
    const event = JSON.parse(line) as Record<string, unknown>;
    tamper(event);
    return JSON.stringify(event);
  });
  writeFileSync(file, `${edited.join('\n')}\n`);
}

describe('renderReport on a tampered journal', () => {
  it('escapes every journal field it prints (seed, run id, info, trial ids, objective names)', async () => {
    const dir = await recordedRun(3, 3);
    // Fields the journal's type check lets through (free text) reach the HTML escaped.
    tamperJournal(dir, (event) => {
      if (event.type === 'run-started') {
        event.info = { backend: ATTACK, searcher: ATTACK };
        event.objectives = [{ name: ATTACK, direction: 'maximize', from: 'curve', metric: 'val_acc' }];
      }
    });
    const run = loadRun(dir);
    // Fields it refuses on load (a seed that is not a number, a run id that is not an id) are escaped too when a
    // caller hands renderReport such a run itself.
    const html = await renderReport({ ...run, seed: ATTACK as unknown as number, runId: ATTACK });
    expect(html).not.toContain('<img');
    expect(html).toContain('seed &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('refuses a journal whose run id or seed has the wrong type, naming file, line and field', async () => {
    const dir = await recordedRun(2, 1);
    tamperJournal(dir, (event) => {
      if (event.type === 'run-started') event.seed = ATTACK;
    });
    expect(() => loadRun(dir)).toThrow(/events\.jsonl:1: seed: expected a number, got/);
  });
});
