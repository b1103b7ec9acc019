import type { CurveRecord } from '@penguin-nas/core';
import { AUDIT_SHARES, auditSummary } from '../plugin/audit.js';
import { type ReplayCurvesOptions, replayCurves } from './replay-curves.js';
import { AUDIT_ROWS, formatReplayTable, type ReplayReport, STOP_CHANCE_ROWS } from './report.js';
import type { ReplayConfig } from './run-config.js';

/** A figure over several replay orders: its mean and its (sample) standard deviation. */
export interface Spread {
  readonly mean: number;
  readonly sd: number;
}

/** One configuration's figures over the seeds. */
export interface SeedSummary {
  readonly name: string;
  readonly epochsSaved: Spread;
  readonly throughputGain: Spread;
  readonly predictionErrorMean: Spread;
  readonly predictionErrorMedian: Spread;
  /** One per top-K of the reports, in their order (label from the first seed). */
  readonly topK: readonly { readonly label: string; readonly recall: Spread; readonly difference: Spread }[];
  readonly spearman: Spread;
  readonly kendall: Spread;
  /** `ReplayMetrics.stopChances` over the seeds (a seed without probabilistic stops counts as none); absent when no seed had one. */
  readonly stopChances?: { readonly stops: Spread; readonly expected: Spread; readonly reached: Spread };
  /** The share of each band the audit's rule would spare (`AUDIT_SHARES`) over the seeds; absent when no seed audited a trial. */
  readonly audit?: { readonly trials: Spread; readonly spared: readonly Spread[]; readonly error: Spread };
}

export interface SeedsReport {
  readonly seeds: readonly number[];
  /** The full report of each seed, in the order of `seeds`. */
  readonly reports: readonly ReplayReport[];
  readonly summary: readonly SeedSummary[];
}

/** Parses `0..4` (inclusive range) or `0,3,7` into seeds; throws a message that shows the accepted forms. */
export function parseSeeds(text: string): number[] {
  const range = /^\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*$/.exec(text);
  const seeds = range
    ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i)
    : text.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s)));
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s)) || new Set(seeds).size !== seeds.length)
    throw new RangeError(
      `replay.seeds: expected a range such as 0..4 or a list such as 0,1,2 of distinct integers, got "${text}"`,
    );
  return seeds;
}

/** Mean and sample standard deviation (0 for one value); non-finite values make both NaN. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v)))
    return { mean: Number.NaN, sd: Number.NaN };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (values.length === 1) return { mean, sd: 0 };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/** Summarises each configuration (matched by position) over the seed reports. */
export function summariseSeeds(reports: readonly ReplayReport[]): SeedSummary[] {
  const first = reports[0];
  if (first === undefined) throw new RangeError('replay.seeds: expected at least one report, got none');
  return first.configs.map((config, c) => {
    const each = reports.map(
      (r) => r.configs[c]?.metrics as NonNullable<(typeof r.configs)[number]>['metrics'],
    );
    const over = (pick: (m: (typeof each)[number]) => number) => spreadOf(each.map(pick));
    return {
      name: config.name,
      epochsSaved: over((m) => m.epochsSaved),
      throughputGain: over((m) => m.throughputGain),
      predictionErrorMean: over((m) => m.predictionError.mean),
      predictionErrorMedian: over((m) => m.predictionError.median),
      topK: config.metrics.topK.map((top, k) => ({
        label: top.label,
        recall: over((m) => m.topK[k]?.recall ?? Number.NaN),
        difference: over((m) => m.topK[k]?.difference ?? Number.NaN),
      })),
      spearman: over((m) => m.spearman),
      kendall: over((m) => m.kendall),
      ...auditOver(reports, c),
      ...(each.some((m) => m.stopChances !== undefined)
        ? {
            stopChances: {
              stops: over((m) => m.stopChances?.stops ?? 0),
              expected: over((m) => m.stopChances?.expected ?? 0),
              reached: over((m) => m.stopChances?.reached ?? 0),
            },
          }
        : {}),
    };
  });
}

/** The audit's figures over the seeds (a seed whose band is empty leaves it out of that band's mean). */
function auditOver(reports: readonly ReplayReport[], config: number): Pick<SeedSummary, 'audit'> {
  const summaries = reports.flatMap((r) => {
    const audits = r.configs[config]?.audits;
    return audits === undefined ? [] : [auditSummary(audits, r.direction)];
  });
  if (summaries.length === 0) return {};
  return {
    audit: {
      trials: spreadOf(summaries.map((s) => s.trials)),
      spared: AUDIT_SHARES.map((_, b) =>
        spreadOf(summaries.flatMap((s) => (s.bands[b]?.spared == null ? [] : [s.bands[b].spared as number]))),
      ),
      error: spreadOf(summaries.flatMap((s) => (s.error === null ? [] : [s.error]))),
    },
  };
}

/** Replays the curves once per seed (each seed its own replay order) and summarises every figure over the seeds. */
export async function replaySeeds(
  records: readonly CurveRecord[],
  configs: readonly ReplayConfig[],
  options: Omit<ReplayCurvesOptions, 'seed'>,
  seeds: readonly number[],
): Promise<SeedsReport> {
  if (options.inFileOrder === true && seeds.length > 1)
    throw new RangeError(
      `replay.seeds: the file order is one order, so one figure; expected one seed with inFileOrder, got ${seeds.length}`,
    );
  const reports: ReplayReport[] = [];
  for (const seed of seeds) reports.push(await replayCurves(records, configs, { ...options, seed }));
  return { seeds, reports, summary: summariseSeeds(reports) };
}

function cell(spread: Spread, digits: number, percent = false): string {
  if (!Number.isFinite(spread.mean)) return '–';
  const scale = percent ? 100 : 1;
  const text = (v: number) => (v * scale).toFixed(digits);
  return `${text(spread.mean)} ± ${text(spread.sd)}${percent ? '%' : ''}`;
}

/** A markdown table of mean ± standard deviation over the seeds, one column per configuration. */
export function formatSeedsTable(report: SeedsReport): string {
  const first = report.reports[0] as ReplayReport;
  const header = ['metric', ...report.summary.map((s) => s.name)];
  const rows: [string, (s: SeedSummary) => string][] = [
    ['epochs saved', (s) => cell(s.epochsSaved, 1, true)],
    ['throughput gain', (s) => `${cell(s.throughputGain, 2)}×`],
    ['prediction error mean', (s) => cell(s.predictionErrorMean, 3)],
    ['prediction error median', (s) => cell(s.predictionErrorMedian, 3)],
  ];
  for (const [k, top] of (report.summary[0]?.topK ?? []).entries()) {
    rows.push([`${top.label} recall`, (s) => cell(s.topK[k]?.recall ?? spreadOf([]), 3)]);
    rows.push([`${top.label} difference`, (s) => cell(s.topK[k]?.difference ?? spreadOf([]), 3)]);
  }
  rows.push(['Spearman', (s) => cell(s.spearman, 3)], ['Kendall τ', (s) => cell(s.kendall, 3)]);
  if (report.summary.some((s) => s.stopChances !== undefined)) {
    const chances =
      (pick: (c: NonNullable<SeedSummary['stopChances']>) => Spread, digits: number) => (s: SeedSummary) =>
        s.stopChances === undefined ? '–' : cell(pick(s.stopChances), digits);
    rows.push([STOP_CHANCE_ROWS.stops, chances((c) => c.stops, 1)]);
    rows.push([STOP_CHANCE_ROWS.expected, chances((c) => c.expected, 2)]);
    rows.push([STOP_CHANCE_ROWS.reached, chances((c) => c.reached, 1)]);
  }
  if (report.summary.some((s) => s.audit !== undefined)) {
    rows.push([AUDIT_ROWS.trials, (s) => (s.audit === undefined ? '–' : cell(s.audit.trials, 1))]);
    for (const [b, share] of AUDIT_SHARES.entries())
      rows.push([
        AUDIT_ROWS.spared(share),
        (s) => (s.audit?.spared[b] === undefined ? '–' : cell(s.audit.spared[b] as Spread, 3)),
      ]);
    rows.push([AUDIT_ROWS.error, (s) => (s.audit === undefined ? '–' : cell(s.audit.error, 3))]);
  }
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map(([label, get]) => `| ${[label, ...report.summary.map(get)].join(' | ')} |`),
  ];
  // The first seed's table title says what was replayed; the seeds replace its single seed.
  const title =
    formatReplayTable(first)
      .split('\n')[0]
      ?.replace(/, seed -?\d+$/, '') ?? '';
  return `${title}, mean ± sd over seeds ${report.seeds.join(', ')}\n\n${lines.join('\n')}\n`;
}
