import type { Fitness, RunSummary, TrialSnapshot } from '@penguin-nas/core';
import { type AuditSummary, auditLines } from '@penguin-nas/predictor';
import { formatDuration, formatEpochs, formatValue } from '../progress/render.js';

/** A trial in the machine-readable summary. */
export interface TrialJson {
  readonly id: string;
  readonly index: number;
  readonly status: TrialSnapshot['status'];
  readonly genome: TrialSnapshot['genome'];
  readonly epochs: number;
  readonly seconds: number;
  readonly fitness?: Fitness;
  readonly stoppedBy?: string;
  readonly stopReason?: string;
  readonly error?: string;
}

/** What `--json` prints: the whole outcome of a run, plain JSON. */
export interface SummaryJson {
  readonly runId: string;
  readonly dir: string | undefined;
  readonly reason: RunSummary['reason'];
  readonly trials: {
    readonly total: number;
    readonly completed: number;
    readonly stopped: number;
    readonly failed: number;
  };
  readonly epochs: number;
  readonly baselineEpochs: number;
  /** 1 − epochs of finished trials / baselineEpochs (core's `runCost`: interrupted trials have no baseline). */
  readonly epochsSaved: number;
  /** baselineEpochs / epochs of finished trials. */
  readonly throughputGain: number | null;
  readonly seconds: number;
  readonly best: TrialJson | null;
  readonly failures: readonly { readonly id: string; readonly error: string }[];
  readonly trialList: readonly TrialJson[];
  /** The predictor's audit (trials trained fully on purpose, judged all the same), when it audited any. */
  readonly audit?: AuditSummary;
}

function trialJson(t: TrialSnapshot): TrialJson {
  return {
    id: t.id,
    index: t.index,
    status: t.status,
    genome: t.genome,
    epochs: t.cost.epochs,
    seconds: t.cost.seconds,
    ...(t.fitness ? { fitness: t.fitness } : {}),
    ...(t.decision ? { stoppedBy: t.decision.by, stopReason: t.decision.reason } : {}),
    ...(t.error !== undefined ? { error: t.error } : {}),
  };
}

export function summaryJson(summary: RunSummary, dir: string | undefined, audit?: AuditSummary): SummaryJson {
  const count = (status: TrialSnapshot['status']) => summary.trials.filter((t) => t.status === status).length;
  return {
    runId: summary.runId,
    dir,
    reason: summary.reason,
    trials: {
      total: summary.trials.length,
      completed: count('completed'),
      stopped: count('stopped'),
      failed: count('failed'),
    },
    epochs: summary.epochs,
    baselineEpochs: summary.baselineEpochs,
    epochsSaved: summary.cost.saved,
    throughputGain: summary.cost.finishedEpochs > 0 ? summary.cost.throughputGain : null,
    seconds: summary.seconds,
    best: summary.best ? trialJson(summary.best) : null,
    failures: summary.trials
      .filter((t) => t.status === 'failed')
      .map((t) => ({ id: t.id, error: t.error ?? 'unknown error' })),
    trialList: summary.trials.map(trialJson),
    ...(audit === undefined ? {} : { audit }),
  };
}

const REASONS: Record<RunSummary['reason'], string> = {
  budget: 'budget spent',
  exhausted: 'search space exhausted',
  cancelled: 'cancelled',
  failed: 'the searcher failed',
};

/** The few lines printed after a run. */
export function formatSummary(json: SummaryJson): string {
  const { trials } = json;
  const lines = [
    `Run ${json.runId} ended (${REASONS[json.reason]}) after ${formatDuration(json.seconds * 1000)}: ${trials.total} trials, ` +
      `${trials.stopped} stopped early, ${trials.completed} completed, ${trials.failed} failed.`,
    `Epochs trained: ${formatEpochs(json.epochs)} of ${formatEpochs(json.baselineEpochs)} without early termination` +
      (json.baselineEpochs > 0
        ? ` (${(json.epochsSaved * 100).toFixed(1)}% saved, ${json.throughputGain === null ? '–' : json.throughputGain.toFixed(2)}× throughput).`
        : '.'),
  ];
  if (json.best) {
    const objectives = Object.entries(json.best.fitness ?? {})
      .map(([name, o]) => `${name} ${formatValue(o.value)}${o.source === 'predicted' ? ' (predicted)' : ''}`)
      .join(', ');
    lines.push(`Best: ${json.best.id} ${objectives} · ${JSON.stringify(json.best.genome)}`);
  }
  for (const failure of json.failures.slice(0, 5)) lines.push(`Failed: ${failure.id}: ${failure.error}`);
  if (json.failures.length > 5)
    lines.push(`… and ${json.failures.length - 5} more failed trials (see the journal).`);
  if (json.audit) lines.push(...auditLines(json.audit).map((line) => `Predictor audit: ${line}`));
  if (json.dir) lines.push(`Journal: ${json.dir} · report: penguin report ${json.dir}`);
  return lines.join('\n');
}
