import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PenguinError } from '@penguin-nas/core';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import {
  curveMetric,
  curvesChart,
  epochsChart,
  paretoChart,
  predictionsChart,
  progressChart,
} from './charts.js';
import { loadRun, type ReportTrial, type RunData } from './load-run.js';
import { objectiveValue, paretoFront, ranked, runStatistics } from './statistics.js';

/** Renders a Vega-Lite spec to an SVG string (no browser, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const escapeHtml = (text: unknown): string =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A number for the page; anything else a tampered journal holds becomes '–'. */
const fmt = (v: number | undefined, digits = 2): string =>
  typeof v !== 'number' || !Number.isFinite(v) ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(digits);

function genomeText(trial: ReportTrial): string {
  return Object.entries(trial.genome)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

function bestTable(run: RunData, limit: number): string {
  const objective = run.objectives[0];
  if (!objective) return '';
  const rows = ranked(run, objective)
    .slice(0, limit)
    .map((t, i) => {
      const cells = run.objectives.map((o) => {
        const f = t.fitness?.[o.name];
        return `<td class="num">${fmt(objectiveValue(t, o))}${f?.source === 'predicted' ? ' <span class="tag">predicted</span>' : ''}</td>`;
      });
      return `<tr><td>${i + 1}</td><td>${escapeHtml(t.id)}</td>${cells.join('')}<td>${escapeHtml(t.status)}</td><td class="num">${fmt(t.epochs)}</td><td class="genome">${escapeHtml(genomeText(t))}</td></tr>`;
    });
  const heads = run.objectives.map(
    (o) => `<th>${escapeHtml(o.name)} (${o.direction === 'maximize' ? '↑' : '↓'})</th>`,
  );
  return `<table><thead><tr><th>#</th><th>trial</th>${heads.join('')}<th>status</th><th>epochs</th><th>genome</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function failedTable(run: RunData): string {
  const failed = run.trials.filter((t) => t.status === 'failed');
  if (failed.length === 0) return '<p>No trial failed.</p>';
  const rows = failed.map(
    (t) =>
      `<tr><td>${escapeHtml(t.id)}</td><td class="num">${fmt(t.epochs)}</td><td>${escapeHtml(t.error ?? 'unknown')}</td><td class="genome">${escapeHtml(genomeText(t))}</td></tr>`,
  );
  return `<table><thead><tr><th>trial</th><th>epochs</th><th>reason</th><th>genome</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function stoppedTable(run: RunData, limit: number): string {
  const stopped = run.trials.filter((t) => t.status === 'stopped').slice(-limit);
  if (stopped.length === 0) return '<p>No trial was stopped early.</p>';
  const rows = stopped.map(
    (t) =>
      `<tr><td>${escapeHtml(t.id)}</td><td class="num">${fmt(t.epochs)} / ${fmt(t.maxEpochs)}</td><td class="num">${fmt(t.decision?.prediction)}</td><td>${escapeHtml(t.decision?.by ?? '')}</td><td>${escapeHtml(t.decision?.reason ?? '')}</td></tr>`,
  );
  return `<table><thead><tr><th>trial</th><th>stopped at</th><th>prediction</th><th>by</th><th>reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The predictor's audit, when the run trained trials fully on purpose and judged them all the same. */
function auditSection(run: RunData): string {
  if (run.audit === undefined) return '';
  const items = run.audit.map((line) => `<li>${escapeHtml(line)}</li>`).join('');
  return `<h2>Predictor audit</h2><p class="muted">Trials trained to the end on purpose (<code>fullTraining</code>) were judged all the same: what the rule would have done to them is what it does to the others.</p><ul id="audit">${items}</ul>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.muted{color:#666}.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}.card{border:1px solid #ddd;border-radius:6px;padding:.5rem .9rem;min-width:8.5rem}
.card b{display:block;font-size:1.3rem}table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eee;padding:.3rem .45rem;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap}td.genome{font-family:ui-monospace,monospace;font-size:12px}.tag{background:#fdebd3;border-radius:3px;padding:0 .3rem;font-size:11px}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}.warn{background:#fff6e5;border:1px solid #f5c26b;padding:.5rem .8rem;border-radius:6px}`;

/** The whole report as one self-contained HTML document (inline SVG charts, no scripts, opens offline). */
export async function renderReport(run: RunData): Promise<string> {
  const stats = runStatistics(run);
  const { metric, objective } = curveMetric(run);
  const best = objective ? ranked(run, objective)[0] : undefined;
  const charts: [string, TopLevelSpec | undefined][] = [
    ['curves', curvesChart(run)],
    ['progress', progressChart(run)],
    ['pareto', paretoChart(run)],
    ['epochs', epochsChart(run)],
    ['predictions', predictionsChart(run, run.trials.filter((t) => t.predictions.length > 0).slice(0, 12))],
  ];
  const figures: string[] = [];
  for (const [id, spec] of charts) {
    if (!spec) continue;
    figures.push(`<figure id="chart-${id}" class="chart">${await renderSvg(spec)}</figure>`);
  }
  const front = paretoFront(run);
  // Every value on the page is escaped: a journal is a file anyone may edit.
  const card = (label: string, value: string) =>
    `<div class="card"><span class="muted">${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Penguin report: ${escapeHtml(run.runId)}</title><style>${STYLE}</style></head>
<body>
<h1>Penguin run ${escapeHtml(run.runId)}</h1>
<p class="muted">${escapeHtml(run.dir)} · seed ${escapeHtml(run.seed)} · ${run.trials.length} trials · target ${fmt(run.maxEpochs)} epochs per trial · ${fmt(run.seconds, 1)} s${run.resumes > 0 ? ` · resumed ${fmt(run.resumes)}×` : ''}${run.info.backend ? ` · backend ${escapeHtml(run.info.backend)}` : ''}</p>
${run.ended ? '' : '<p class="warn" id="in-progress">This run is still in progress (or was interrupted): the report shows what the journal holds so far.</p>'}
<div class="cards">
${card('trials finished', `${stats.finished}${stats.running ? ` (+${stats.running} running)` : ''}`)}
${card('stopped early', String(stats.stopped))}
${card('failed', String(stats.failed))}
${card('epochs trained', fmt(stats.epochs, 1))}
${card('epochs saved', `${(stats.saved * 100).toFixed(1)}%`)}
${card('throughput gain', `${stats.throughputGain.toFixed(2)}×`)}
${card(`best ${objective?.name ?? metric}`, best && objective ? fmt(objectiveValue(best, objective)) : '–')}
</div>
${figures.join('\n')}
<h2>Best trials</h2>
${bestTable(run, 10)}
${front.length > 0 ? `<h2>Pareto front (${front.length} trials)</h2>${bestTable({ ...run, trials: front }, front.length)}` : ''}
<h2>Stopped early (latest 20)</h2>
${stoppedTable(run, 20)}
<h2>Failed trials</h2>
${failedTable(run)}
${auditSection(run)}
<p class="muted">Generated by penguin report from ${escapeHtml(run.dir)}.</p>
</body></html>
`;
}

/** Reads a run directory and writes `report.html` into it (or to `file`). Returns the path written. */
export async function writeReport(dir: string, file: string = join(dir, 'report.html')): Promise<string> {
  const html = await renderReport(loadRun(dir));
  try {
    writeFileSync(file, html);
  } catch (error) {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${file}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { cause: error },
    );
  }
  return file;
}
