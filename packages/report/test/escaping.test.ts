import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, readCurveFile, replayTrainer, tabularSpace } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { loadRun, renderReport } from '../src/index.js';

const NB201 = fileURLToPath(
  new URL('../../../../shared/data/curves/nb201-cifar10-valid.jsonl', import.meta.url),
);
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
    const dir = mkdtempSync(join(tmpdir(), 'penguin-report-tampered-'));
    const space = tabularSpace((await readCurveFile(NB201)).slice(0, 3));
    await new Engine({
      space,
      searcher: ({ space: s, rng }) => ({
        name: 'sampler',
        ask: (n) => [s.sample(rng)].slice(0, n),
        tell() {},
      }),
      trainer: replayTrainer(space, { metrics: ['val_acc'] }),
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: 5,
      budget: { trials: 3 },
      dir,
    }).run();
    tamperJournal(dir, (event) => {
      if (event.type === 'run-started') {
        event.seed = ATTACK;
        event.runId = ATTACK;
        event.info = { backend: ATTACK, searcher: ATTACK };
        event.objectives = [{ name: ATTACK, direction: 'maximize', from: 'curve', metric: 'val_acc' }];
      }
    });
    const html = await renderReport(loadRun(dir));
    expect(html).not.toContain('<img');
    expect(html).toContain('seed &lt;img src=x onerror=alert(1)&gt;');
  });
});
