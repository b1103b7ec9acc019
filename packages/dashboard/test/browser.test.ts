import { appendFileSync, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startDashboard } from '../src/index.js';
import { FAILURE, liveRun, SCRIPT_VALUE } from './live-run.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const WAIT = { timeout: 60_000 };

if (!existsSync(CHROMIUM))
  console.warn(
    `dashboard browser test skipped: ${CHROMIUM} is absent (apt-get install chromium; CI installs it)`,
  );

/** Rows bound to a chart, as the page records them after each update. */
async function chartRows(page: Page, id: string): Promise<number> {
  return Number((await page.getAttribute(`#chart-${id}`, 'data-rows')) ?? '0');
}

describe.skipIf(!existsSync(CHROMIUM))('the dashboard in a real browser', () => {
  it('shows curves growing while a run advances, stop reasons, escaped genomes, the trial under the pointer, and no console errors', async () => {
    const root = mkdtempSync(join(tmpdir(), 'penguin-dashboard-browser-'));
    await liveRun(join(root, 'a-finished-run'), { trials: 4, maxEpochs: 12 });
    const running = liveRun(join(root, 'b-live-run'), { trials: 6, maxEpochs: 12, delayMs: 120 });
    const dashboard = await startDashboard({ root });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith(dashboard.url)) problems.push(`request outside the dashboard: ${r.url()}`);
      });
      await page.goto(`${dashboard.url}#run=b-live-run`);

      // Curves appear, then grow while the run writes its journal.
      await page.waitForFunction(
        () => Number(document.querySelector('#chart-curves')?.getAttribute('data-rows')) > 0,
        null,
        WAIT,
      );
      const first = await chartRows(page, 'curves');
      await page.waitForFunction(
        (n) => Number(document.querySelector('#chart-curves')?.getAttribute('data-rows')) > n,
        first,
        WAIT,
      );
      expect(await page.locator('#chart-curves svg path').count()).toBeGreaterThan(3);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-running.png'), fullPage: true });

      // A stopped trial shows its reason with its numbers.
      const stopped = page.locator('#trials tr[data-status="stopped"]').first();
      await stopped.waitFor(WAIT);
      expect(await stopped.locator('td[data-key="reason"]').textContent()).toMatch(
        /^toy rule: predicted \d+\.\d\d < 99 \(by toy, predicted \d/,
      );

      // The `<script>` genome value is text, never markup, and never ran.
      const genome = page.locator('#trials tr[data-trial] td[data-key="genome"]', { hasText: SCRIPT_VALUE });
      await genome.first().waitFor(WAIT);
      expect(await page.locator('#trials script').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __penguinXss?: number }).__penguinXss)).toBeUndefined();

      // So is the markup in a failed trial's error.
      const failed = page.locator('#trials tr[data-status="failed"] td[data-key="reason"]');
      await failed.waitFor(WAIT);
      expect(await failed.textContent()).toBe(`[toy] onEpochEnd failed: ${FAILURE}`);
      expect(await page.locator('#trials img, #errors img').count()).toBe(0);

      // The run ends: every trial is in the table, stopped ones included, and both runs are compared.
      await running;
      await page.waitForFunction(
        () => document.querySelector('#run-title')?.textContent?.includes('ended'),
        null,
        WAIT,
      );
      expect(await page.locator('#trials tbody tr').count()).toBe(6);
      expect(await page.locator('#trials tr[data-status="stopped"]').count()).toBe(3);
      await page.waitForFunction(
        () => Number(document.querySelector('#chart-compare')?.getAttribute('data-rows')) > 0,
        null,
        WAIT,
      );
      expect(await page.locator('#runs-table tbody tr').count()).toBe(2);
      for (const id of ['bestEpochs', 'bestTime', 'parallel', 'importance'])
        expect(await chartRows(page, id), id).toBeGreaterThan(0);

      // The predictor's audit estimate, journalled after each audited trial, shows as text once it is written.
      expect(await page.locator('#audit-section').isHidden()).toBe(true);
      const audit = ['2 audited trials (trained fully on purpose); the rule would have stopped 1', FAILURE];
      const estimate = {
        t: 1,
        type: 'plugin',
        plugin: 'predictor',
        event: { event: 'audit summary', lines: audit },
      };
      appendFileSync(join(root, 'b-live-run', 'events.jsonl'), `${JSON.stringify(estimate)}\n`);
      await page.locator('#audit-section').waitFor({ state: 'visible', ...WAIT });
      expect(await page.locator('#audit li').allTextContents()).toEqual(audit);
      expect(await page.locator('#audit img').count()).toBe(0);

      // Hovering a curve shows its trial.
      await page.locator('#chart-curves g.mark-symbol path').first().hover({ force: true });
      await page.locator('#vg-tooltip-element.visible', { hasText: 'trial' }).waitFor(WAIT);
      expect(await page.locator('#vg-tooltip-element').textContent()).toMatch(/trial\s*t\d/);

      // Sorting and filtering the table.
      await page.fill('#trial-filter', 'stopped');
      expect(await page.locator('#trials tbody tr').count()).toBe(3);
      await page.fill('#trial-filter', '');
      await page.click('#trials th[data-key="index"]');
      expect(await page.locator('#trials tbody tr').first().getAttribute('data-trial')).toMatch(/5$/);

      await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
      await page.screenshot({
        path: join(ARTIFACTS, 'dashboard-top.png'),
        clip: { x: 0, y: 0, width: 1280, height: 1080 },
      });
      expect(statSync(join(ARTIFACTS, 'dashboard.png')).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await dashboard.close();
      await running.catch(() => undefined);
    }
  }, 180_000);
});
