/**
 * Regenerates docs/dashboard.png, the README's picture: a real search (random search over the recorded NAS-Bench-201
 * curves, the default predictor, 60 trials of 200 epochs) replayed into a temporary run directory, then the
 * dashboard over it in Debian's Chromium.
 *
 *   node --conditions=source --import tsx packages/dashboard/scripts/screenshot.ts [curves.jsonl]
 *
 * The curves default to ../shared/data/curves/nb201-cifar10-valid.jsonl beside the checkout.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { main } from '../../cli/src/cli.js';
import { startDashboard } from '../src/index.js';

const curves =
  process.argv[2] ??
  fileURLToPath(new URL('../../../../shared/data/curves/nb201-cifar10-valid.jsonl', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'penguin-dashboard-picture-'));
const config = join(root, 'penguin.json');
writeFileSync(
  config,
  JSON.stringify({
    space: { name: 'tabular', file: curves },
    searcher: 'random',
    trainer: 'replay',
    predictor: true,
    maxEpochs: 200,
    budget: { trials: 60 },
    seed: 7,
  }),
);
const quiet = { write: () => true };
const code = await main(['run', '--config', config, '--out', join(root, 'nb201-random-search'), '--json'], {
  cwd: root,
  stdout: quiet,
  stderr: { write: (t: string) => process.stderr.write(t) },
  onInterrupt: () => () => undefined,
});
if (code !== 0) throw new Error(`penguin run exited with ${code}`);

const dashboard = await startDashboard({ root });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1080 } });
  await page.goto(`${dashboard.url}#run=nb201-random-search`);
  await page.waitForFunction(
    () => Number(document.querySelector('#chart-curves')?.getAttribute('data-rows')) > 0,
    null,
    { timeout: 60_000 },
  );
  // The charts lay out again once every dataset has arrived.
  await page.waitForTimeout(3000);
  const out = fileURLToPath(new URL('../docs/dashboard.png', import.meta.url));
  await page.screenshot({ path: out });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
  await dashboard.close();
}
