import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRun, renderReport } from '../src/index.js';
import { recordedRun } from './recorded-run.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function journalledRun(): Promise<string> {
  const dir = await recordedRun(2, 2);
  dirs.push(dir);
  return dir;
}

const summary = (lines: unknown, plugin = 'predictor') =>
  `${JSON.stringify({ t: 1, type: 'plugin', plugin, event: { event: 'audit summary', lines } })}\n`;

describe('the predictor audit in the report', () => {
  it('shows the latest audit summary the predictor journalled, escaped', async () => {
    const dir = await journalledRun();
    appendFileSync(join(dir, 'events.jsonl'), summary(['an earlier estimate']));
    appendFileSync(join(dir, 'events.jsonl'), summary(['12 audited trials', 'top 10% <b>kept</b>']));
    const run = loadRun(dir);
    expect(run.audit).toEqual(['12 audited trials', 'top 10% <b>kept</b>']);
    const html = await renderReport(run);
    expect(html).toContain('<h2>Predictor audit</h2>');
    expect(html).toContain('<li>12 audited trials</li><li>top 10% &lt;b&gt;kept&lt;/b&gt;</li>');
  });

  it('leaves the section out without an audit, and skips entries that are not lists of text', async () => {
    const dir = await journalledRun();
    expect(loadRun(dir).audit).toBeUndefined();
    appendFileSync(join(dir, 'events.jsonl'), summary([1, 2]));
    appendFileSync(join(dir, 'events.jsonl'), summary(['from another plugin'], 'other'));
    const run = loadRun(dir);
    expect(run.audit).toBeUndefined();
    expect(await renderReport(run)).not.toContain('Predictor audit');
  });
});
