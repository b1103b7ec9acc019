import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Engine,
  type Genome,
  readCurveFile,
  replayTrainer,
  type SearcherFactory,
  tabularSpace,
} from '@penguin-nas/core';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRun, paretoFront, renderReport, runStatistics, writeReport } from '../src/index.js';

const NB201 = fileURLToPath(
  new URL('../../../../shared/data/curves/nb201-cifar10-valid.jsonl', import.meta.url),
);
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

const inOrder: SearcherFactory<Genome> = ({ space }) => {
  let next = 0;
  const genomes = (space as ReturnType<typeof tabularSpace>).records.map((r) => r.genome as Genome);
  return {
    name: 'in-order',
    ask(n) {
      const out = genomes.slice(next, next + n);
      next += out.length;
      return out;
    },
    tell() {},
  };
};

/** A real run on 12 NB201 curves: a toy predictor stops some trials, one trial fails, two objectives. */
async function makeRun(dir: string, trials = 12): Promise<void> {
  const records = (await readCurveFile(NB201)).slice(0, trials);
  const space = tabularSpace(records);
  const engine = new Engine({
    space,
    searcher: inOrder,
    trainer: {
      ...replayTrainer(space, { metrics: ['val_acc'] }),
      staticObjectives: (g) => ({ convs: Object.values(g).filter((v) => String(v).includes('conv')).length }),
    },
    objectives: [
      { name: 'val_acc', direction: 'maximize', from: 'curve' },
      { name: 'convs', direction: 'minimize', from: 'static' },
    ],
    maxEpochs: 40,
    dir,
    plugins: [
      (host) => {
        host.hooks.onEpochEnd.tapPromise('toy', async (trial, logs) => {
          if (trial.index === 3 && logs.epoch === 5) throw new Error('toy failure');
          trial.recordPrediction({
            metric: 'val_acc',
            epoch: logs.epoch,
            target: 40,
            value: (logs.val_acc ?? 0) + 5,
            by: 'toy',
          });
        });
        host.hooks.shouldTerminate.tapPromise('toy', async (trial) =>
          trial.index % 2 === 0 && trial.curve.length === 10
            ? { reason: 'toy rule', by: 'toy', prediction: (trial.curve[9]?.val_acc ?? 0) + 5 }
            : undefined,
        );
      },
    ],
  });
  await engine.run();
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'penguin-report-'));
  await makeRun(dir);
});

describe('loadRun and statistics', () => {
  it('reads every trial with its curve, predictions, decision and status', () => {
    const run = loadRun(dir);
    expect(run.ended).toBe(true);
    expect(run.trials.length).toBe(12);
    expect(run.trials.filter((t) => t.status === 'stopped').length).toBe(6);
    expect(run.trials[3]?.status).toBe('failed');
    expect(run.trials[3]?.error).toBe('[toy] onEpochEnd failed: toy failure');
    expect(run.trials[1]?.predictions.length).toBe(40);
    const stats = runStatistics(run);
    // 6 stopped at 10 epochs, 1 failed at 5, 5 completed at 40.
    expect(stats.epochs).toBe(6 * 10 + 5 + 5 * 40);
    expect(stats.baselineEpochs).toBe(6 * 40 + 5 + 5 * 40);
    expect(stats.saved).toBeCloseTo(1 - 265 / 445, 10);
    expect(paretoFront(run).length).toBeGreaterThan(0);
  });

  it('says when a directory is not a run', () => {
    const empty = mkdtempSync(join(tmpdir(), 'penguin-report-empty-'));
    expect(() => loadRun(empty)).toThrow(
      /no events\.jsonl; expected a run directory written by `penguin run --out <dir>`/,
    );
  });
});

describe('renderReport', () => {
  it('is one self-contained document: inline SVG charts, no scripts or remote resources', async () => {
    const html = await renderReport(loadRun(dir));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    for (const id of ['curves', 'progress', 'pareto', 'epochs', 'predictions'])
      expect(html).toContain(`id="chart-${id}"`);
    expect(html).toContain('toy failure');
    expect(html).not.toContain('id="in-progress"');
  });

  it('reports a run in progress (no run-ended, torn last line)', async () => {
    const partial = mkdtempSync(join(tmpdir(), 'penguin-report-partial-'));
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n');
    writeFileSync(
      join(partial, 'events.jsonl'),
      `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n{"type":"epo`,
    );
    const run = loadRun(partial);
    expect(run.ended).toBe(false);
    expect(run.trials.some((t) => t.status === 'running')).toBe(true);
    expect(await renderReport(run)).toContain('id="in-progress"');
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'loads in a real headless browser without console errors, with non-empty charts (screenshot saved)',
    async () => {
      const file = await writeReport(dir);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
        });
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('request', (r) => {
          if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
        });
        await page.goto(`file://${file}`);
        expect(problems).toEqual([]);
        const charts = page.locator('figure.chart svg');
        expect(await charts.count()).toBe(5);
        for (let i = 0; i < 5; i++) {
          const box = await charts.nth(i).boundingBox();
          expect(box?.width).toBeGreaterThan(100);
          expect(box?.height).toBeGreaterThan(100);
          expect(await charts.nth(i).locator('path').count()).toBeGreaterThan(3);
        }
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
        expect(existsSync(join(ARTIFACTS, 'report.png'))).toBe(true);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
