import type { Direction } from '@penguin-nas/core';
import type { CurveOutcome, PerCurveRow, ReplayMetrics } from '../metrics/index.js';
import {
  AUDIT_SHARES,
  type AuditBand,
  type AuditRecord,
  type AuditSummary,
  auditBandName,
  auditSummary,
} from '../plugin/audit.js';
import type { SkippedCurve } from './prepare.js';

/** One configuration's column: its options, metrics and per-curve outcomes. */
export interface ReplayConfigReport {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly metrics: ReplayMetrics;
  /** One per replayed curve, in replay order. */
  readonly outcomes: readonly CurveOutcome[];
  /** Wall-clock seconds of the replay of this configuration. */
  readonly seconds: number;
  /** Curves whose trial failed: listed here, left out of the metrics. */
  readonly failures: readonly { readonly id: string; readonly error: string }[];
  /** The audited trials (trained fully on purpose, `fullTraining`), when the configuration had any. */
  readonly audits?: readonly AuditRecord[];
}

/** Everything a replay measured: what `runReplay` resolves to and `formatReplayTable` prints. */
export interface ReplayReport {
  /** The curve file, when read from one. */
  readonly file?: string;
  readonly metric: string;
  readonly direction: Direction;
  /** Seed of the replay order (and of the engine). */
  readonly seed: number;
  /** The curves were met in the file's order, not in the seed's (the seed seeded the engine only). */
  readonly inFileOrder?: true;
  /** Number of curves replayed. */
  readonly curves: number;
  /** Distinct target epochs (usually one). */
  readonly targets: readonly number[];
  /** Curves left out, with the reason. */
  readonly skipped: readonly SkippedCurve[];
  readonly configs: readonly ReplayConfigReport[];
}

/** The `--per-curve` rows: one per curve and configuration, in replay order, configuration by configuration. */
export function perCurveRows(report: ReplayReport): PerCurveRow[] {
  const rows: PerCurveRow[] = [];
  for (const config of report.configs) {
    for (const o of config.outcomes) {
      rows.push({
        id: o.id,
        config: config.name,
        epochs_trained: o.epochs_trained,
        full_epochs: o.full_epochs,
        converged: o.converged,
        reported: o.reported,
        true_final: o.true_final,
        ...(o.reason === undefined ? {} : { reason: o.reason }),
        ...(o.stop_probability === undefined
          ? {}
          : { stop_probability: o.stop_probability, stop_threshold: o.stop_threshold }),
      });
    }
  }
  return rows;
}

/** The rows as JSON Lines (one object a line, trailing newline). */
export function perCurveJsonl(report: ReplayReport): string {
  return perCurveRows(report)
    .map((row) => JSON.stringify(row))
    .join('\n')
    .concat('\n');
}

function num(value: number, digits = 3): string {
  if (Number.isNaN(value)) return '–';
  if (value === Number.POSITIVE_INFINITY) return '∞';
  if (value === Number.NEGATIVE_INFINITY) return '-∞';
  if (value !== 0 && Math.abs(value) < 10 ** -(digits + 1)) return value.toExponential(digits - 1);
  return String(Number(value.toFixed(digits)));
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : num(value);
}

type Row = readonly [label: string, cell: (m: ReplayConfigReport) => string];

/** Row labels of the audit (`fullTraining` trials judged but not stopped), one wording for both tables. */
export const AUDIT_ROWS = {
  trials: 'audited trials',
  spared: (share: number) => `… ${auditBandName(share)} of them the rule would spare`,
  error: '… error of the values its stops would report',
} as const;

function sparedCell(band: AuditBand | undefined): string {
  if (band?.spared == null) return '–';
  return `${num(band.spared, 2)} (${band.trials - band.stopped}/${band.trials})`;
}

/** Row labels of the probabilistic stops' chances (`ReplayMetrics.stopChances`), one wording for both tables. */
export const STOP_CHANCE_ROWS = {
  stops: 'stops judged by a probability',
  expected: '… expected to reach their threshold (Σ P)',
  reached: '… that reached it',
} as const;

function rowsFor(report: ReplayReport): Row[] {
  const rows: Row[] = [
    ['epochs saved', (c) => percent(c.metrics.epochsSaved)],
    ['epochs saved (mean per curve)', (c) => percent(c.metrics.meanEpochsSavedPerCurve)],
    ['throughput gain', (c) => `${num(c.metrics.throughputGain, 2)}×`],
    ['converged (stopped early)', (c) => percent(c.metrics.convergedFraction)],
    ['prediction error mean', (c) => num(c.metrics.predictionError.mean)],
    ['prediction error median', (c) => num(c.metrics.predictionError.median)],
    ['prediction error p90', (c) => num(c.metrics.predictionError.p90)],
  ];
  if (report.direction === 'minimize') {
    rows.push(['log error mean (stopped)', (c) => num(c.metrics.logError?.mean ?? Number.NaN)]);
    rows.push(['log error median (stopped)', (c) => num(c.metrics.logError?.median ?? Number.NaN)]);
  }
  const first = report.configs[0];
  for (const [i, top] of (first?.metrics.topK ?? []).entries()) {
    const name = top.label === `top-${top.k}` ? top.label : `${top.label} (K=${top.k})`;
    rows.push([`${name} recall`, (c) => num(c.metrics.topK[i]?.recall ?? Number.NaN)]);
    rows.push([`${name} difference`, (c) => num(c.metrics.topK[i]?.difference ?? Number.NaN)]);
  }
  rows.push(['Spearman', (c) => num(c.metrics.spearman)]);
  rows.push(['Kendall τ', (c) => num(c.metrics.kendall)]);
  if (report.configs.some((c) => c.metrics.stopChances !== undefined)) {
    const chances =
      (pick: (s: NonNullable<ReplayMetrics['stopChances']>) => string) => (c: ReplayConfigReport) =>
        c.metrics.stopChances === undefined ? '–' : pick(c.metrics.stopChances);
    rows.push([STOP_CHANCE_ROWS.stops, chances((s) => String(s.stops))]);
    rows.push([STOP_CHANCE_ROWS.expected, chances((s) => num(s.expected, 2))]);
    rows.push([STOP_CHANCE_ROWS.reached, chances((s) => String(s.reached))]);
  }
  if (report.configs.some((c) => c.audits !== undefined)) {
    const summaries = new Map(
      report.configs.map((c) => [
        c,
        c.audits === undefined ? undefined : auditSummary(c.audits, report.direction),
      ]),
    );
    const audit = (pick: (s: AuditSummary) => string) => (c: ReplayConfigReport) => {
      const summary = summaries.get(c);
      return summary === undefined ? '–' : pick(summary);
    };
    rows.push([AUDIT_ROWS.trials, audit((s) => `${s.trials} (would stop ${s.stopped})`)]);
    for (const [i, share] of AUDIT_SHARES.entries())
      rows.push([AUDIT_ROWS.spared(share), audit((s) => sparedCell(s.bands[i]))]);
    rows.push([AUDIT_ROWS.error, audit((s) => (s.error === null ? '–' : num(s.error)))]);
  }
  if (report.configs.some((c) => c.failures.length > 0))
    rows.push(['failed trials (left out)', (c) => String(c.failures.length)]);
  rows.push(['replay seconds', (c) => num(c.seconds, 1)]);
  return rows;
}

/**
 * A markdown table with the configurations side by side (one column each) and the metrics of ALGORITHMS §4 as
 * rows, preceded by one line saying what was replayed. Errors and differences are in the metric's units.
 */
export function formatReplayTable(report: ReplayReport): string {
  const header = ['metric', ...report.configs.map((c) => c.name)];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
  ];
  for (const [label, cell] of rowsFor(report))
    lines.push(`| ${[label, ...report.configs.map(cell)].join(' | ')} |`);
  const targets =
    report.targets.length === 1
      ? `target epoch ${report.targets[0]}`
      : `targets ${report.targets.join(', ')}`;
  const source = report.file ? `${report.file}: ` : '';
  const skipped = report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : '';
  const title = `${source}${report.curves} curves${skipped}, ${report.metric} (${report.direction}), ${targets}, ${report.inFileOrder ? 'in the file order' : `seed ${report.seed}`}`;
  return `${title}\n\n${lines.join('\n')}\n${leftOut(report)}`;
}

/** The curves left out of the metrics, with the reason: skipped before the replay, failed during it (10 at most each). */
function leftOut(report: ReplayReport): string {
  const lines: string[] = [];
  const list = (title: string, items: readonly { id: string; why: string }[]) => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length}):`);
    for (const item of items.slice(0, 10)) lines.push(`- ${item.id}: ${item.why}`);
    if (items.length > 10) lines.push(`- … ${items.length - 10} more (see --json)`);
  };
  list(
    'Skipped curves',
    report.skipped.map((s) => ({ id: s.id, why: s.reason })),
  );
  for (const config of report.configs)
    list(
      `Failed with ${config.name}, left out of its metrics`,
      config.failures.map((f) => ({ id: f.id, why: f.error })),
    );
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
