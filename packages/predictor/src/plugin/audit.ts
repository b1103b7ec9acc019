import type { Prediction } from '@penguin-nas/core';

/**
 * The audit: the every-n-th trials trained to the target on purpose (`fullTraining.every`, after the `first` ones and
 * trial 0, which no rule can judge yet) are still judged by the rule, which never stops them; where it would have,
 * the stop is recorded. Once they finish, their true finals say what the rule would have stopped — an estimate, on the
 * run's own curves, of how much of the top the rule lets train to the end, and of the error of the values its stops
 * report. Audited trials are a sample the rule did not choose, so the estimate is unbiased for the run; with few of
 * them it is wide, and says so.
 */

/** Who made the prediction an audit records where the predictor had none (its value is null). */
export const AUDIT_PREDICTION_BY = 'predictor:audit';

/** What an audited trial ended with, and the stop the rule would have made (metric units). */
export interface AuditRecord {
  readonly id: string;
  /** The measured final value. */
  readonly final: number;
  /** The rule's first stop, had the trial not been trained fully; absent when the rule never stopped it. */
  readonly stop?: AuditStop;
}

export interface AuditStop {
  readonly epoch: number;
  readonly reason: string;
  /** The value the stop would have reported, when it had one. */
  readonly prediction?: number;
}

/** The would-be stop an audited trial's recorded predictions hold (`detail.audit`, see `Predictor.audit`), if any. */
export function recalledAudit(predictions: readonly Prediction[]): AuditStop | undefined {
  for (const p of predictions) {
    const audit = p.detail?.audit as Partial<AuditStop> | undefined;
    if (typeof audit?.epoch === 'number' && typeof audit.reason === 'string')
      return {
        epoch: audit.epoch,
        reason: audit.reason,
        ...(typeof audit.prediction === 'number' ? { prediction: audit.prediction } : {}),
      };
  }
  return undefined;
}

/** How many audited trials of a band ended there, and how many of them the rule would have stopped. */
export interface AuditBand {
  /** The band: the best `share` of the audited trials by final value (0.1: the top 10%). */
  readonly share: number;
  readonly trials: number;
  readonly stopped: number;
  /** The share the rule would not have stopped, (trials − stopped) / trials; null with none. */
  readonly spared: number | null;
  /** A 95% Wilson score interval for `spared`. */
  readonly interval: readonly [number, number] | null;
}

export interface AuditSummary {
  readonly trials: number;
  /** Audited trials the rule would have stopped. */
  readonly stopped: number;
  /** The top 10%, top 25% and better half of the audited trials. */
  readonly bands: readonly AuditBand[];
  /** Mean absolute error of the values the would-be stops report (metric units); null without one. */
  readonly error: number | null;
}

/** The bands the summary reports: the top 10%, the top 25% and the better half of the audited trials. */
export const AUDIT_SHARES = [0.1, 0.25, 0.5] as const;

const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** A band's name in words, one wording for the run's lines and the replay's rows: `top 10%`, `better half`. */
export function auditBandName(share: number): string {
  return share === 0.5 ? 'better half' : `top ${percent(share)}`;
}

/** A 95% Wilson score interval for `successes` of `n`. */
export function wilsonInterval(successes: number, n: number): readonly [number, number] {
  const z = 1.959964;
  const p = successes / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * What the audited trials say: for each band (the best share of them by final value, at least one trial), how
 * many the rule would have stopped; and the error of the values its stops would have reported.
 */
export function auditSummary(
  records: readonly AuditRecord[],
  direction: 'maximize' | 'minimize',
): AuditSummary {
  const sign = direction === 'maximize' ? 1 : -1;
  const ranked = [...records].sort((a, b) => sign * (b.final - a.final));
  const bands = AUDIT_SHARES.map((share): AuditBand => {
    if (ranked.length === 0) return { share, trials: 0, stopped: 0, spared: null, interval: null };
    const band = ranked.slice(0, Math.max(1, Math.floor(share * ranked.length)));
    const stopped = band.filter((r) => r.stop !== undefined).length;
    const spared = band.length - stopped;
    return {
      share,
      trials: band.length,
      stopped,
      spared: spared / band.length,
      interval: wilsonInterval(spared, band.length),
    };
  });
  const errors = records.flatMap((r) =>
    r.stop?.prediction === undefined ? [] : [Math.abs(r.stop.prediction - r.final)],
  );
  return {
    trials: records.length,
    stopped: records.filter((r) => r.stop !== undefined).length,
    bands,
    error: errors.length === 0 ? null : errors.reduce((s, e) => s + e, 0) / errors.length,
  };
}

/** The summary in words, one line per fact, for logs and reports. */
export function auditLines(summary: AuditSummary): string[] {
  if (summary.trials === 0)
    return [
      'no audited trial has finished (set fullTraining.every to train every n-th trial fully and audit it)',
    ];
  const lines = [
    `${summary.trials} audited trial${summary.trials === 1 ? '' : 's'} (trained fully on purpose); the rule would have stopped ${summary.stopped}`,
  ];
  for (const band of summary.bands) {
    if (band.spared === null || band.interval === null) continue;
    lines.push(
      `${auditBandName(band.share)} (${band.trials} ${band.trials === 1 ? 'trial' : 'trials'}): would have spared ${band.trials - band.stopped}, ${percent(band.spared)} ` +
        `(95% interval ${percent(band.interval[0])}–${percent(band.interval[1])})`,
    );
  }
  if (summary.error !== null)
    lines.push(`values its stops would have reported: mean absolute error ${summary.error.toPrecision(3)}`);
  return lines;
}
