import type { ObjectiveSpec } from '@penguin-nas/core';
import { paretoFront, type ReportTrial, type RunData, runStatistics } from '@penguin-nas/report';
import { importanceRows, parallelRows, type ScoredGenome } from './decisions.js';
import type { FoldedRun } from './run-data.js';
import { runSpecs } from './specs.js';
import type { Row, RunSummary, RunView, TrialRow } from './view.js';

/** The metric the learning curves show: the first curve objective's metric. */
export function curveMetric(objectives: readonly ObjectiveSpec[]): string {
  const objective = objectives.find((o) => o.from === 'curve');
  return objective?.metric ?? objective?.name ?? 'val_acc';
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function reported(trial: ReportTrial, objective: ObjectiveSpec | undefined) {
  const value = objective ? trial.fitness?.[objective.name] : undefined;
  return { value: finite(value?.value), source: value?.source ?? null };
}

function better(objective: ObjectiveSpec, a: number, b: number): boolean {
  return objective.direction === 'maximize' ? a > b : a < b;
}

function latestPrediction(trial: ReportTrial, metric: string) {
  for (let i = trial.predictions.length - 1; i >= 0; i--) {
    const p = trial.predictions[i];
    if (p?.metric === metric && finite(p.value) !== null) return p;
  }
  return undefined;
}

function lastValue(trial: ReportTrial, metric: string): { epoch: number; value: number } | undefined {
  for (let i = trial.curve.length - 1; i >= 0; i--) {
    const point = trial.curve[i];
    const value = finite(point?.[metric]);
    if (point && value !== null) return { epoch: point.epoch, value };
  }
  return undefined;
}

function stopReason(trial: ReportTrial): string | null {
  if (trial.status === 'failed') return trial.error ?? 'failed';
  const d = trial.decision;
  if (!d) return null;
  const predicted = d.prediction === undefined ? '' : `, predicted ${Number(d.prediction.toPrecision(6))}`;
  return `${d.reason} (by ${d.by}${predicted})`;
}

function trialRow(trial: ReportTrial, run: RunData, metric: string, info: Readonly<Record<string, unknown>>) {
  const fitness = reported(trial, run.objectives[0]);
  const row: TrialRow = {
    id: trial.id,
    index: trial.index,
    status: trial.status,
    epochs: trial.epochs,
    maxEpochs: trial.maxEpochs,
    reported: fitness.value,
    reportedSource: fitness.source,
    predicted: finite(latestPrediction(trial, metric)?.value),
    measured: lastValue(trial, metric)?.value ?? null,
    genome: trial.genome,
    reason: stopReason(trial),
    backend: typeof info.backend === 'string' ? info.backend : null,
    error: trial.error ?? null,
    seconds: trial.seconds,
  };
  return row;
}

/** Curves, forecasts (prediction with its band), stop points and the best-so-far series. */
function curveDatasets(run: RunData, metric: string) {
  const curves: Row[] = [];
  const forecasts: Row[] = [];
  const stops: Row[] = [];
  for (const t of run.trials) {
    for (const p of t.curve) {
      const value = finite(p[metric]);
      if (value !== null)
        curves.push({ trial: t.id, index: t.index, epoch: p.epoch, value, status: t.status });
    }
    const last = lastValue(t, metric);
    const prediction = latestPrediction(t, metric);
    if (last && prediction && t.status !== 'completed' && t.status !== 'failed') {
      const value = prediction.value as number;
      const spread = finite(prediction.detail?.spread) ?? 0;
      const target = prediction.target;
      forecasts.push({
        trial: t.id,
        epoch: last.epoch,
        value: last.value,
        lower: last.value,
        upper: last.value,
      });
      forecasts.push({ trial: t.id, epoch: target, value, lower: value - spread, upper: value + spread });
    }
    if (last && t.status === 'stopped')
      stops.push({ trial: t.id, epoch: last.epoch, value: last.value, reason: stopReason(t) });
  }
  return { curves, forecasts, stops };
}

/** The best first-objective value so far, in the order trials ended, against epochs and wall time. */
export function bestRows(run: RunData): Row[] {
  const objective = run.objectives[0];
  if (!objective) return [];
  const finished = run.trials
    .filter((t) => t.endedAt !== undefined)
    .sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
  const rows: Row[] = [];
  let epochs = 0;
  let best: number | undefined;
  let holder = '';
  for (const t of finished) {
    epochs += t.epochs;
    const value = reported(t, objective).value;
    if (value !== null && (best === undefined || better(objective, value, best))) {
      best = value;
      holder = t.id;
    }
    // `trial` is the trial holding the best value so far, not the one that just ended.
    if (best !== undefined) rows.push({ epochs, seconds: (t.endedAt ?? 0) / 1000, best, trial: holder });
  }
  return rows;
}

function paretoRows(run: RunData): Row[] {
  const [o1, o2] = run.objectives;
  if (!o1 || !o2) return [];
  const front = new Set(paretoFront(run).map((t) => t.id));
  const rows: Row[] = [];
  for (const t of run.trials) {
    const x = reported(t, o2).value;
    const y = reported(t, o1).value;
    if (x !== null && y !== null && t.status !== 'failed')
      rows.push({ trial: t.id, x, y, front: front.has(t.id) ? 'Pareto front' : 'dominated' });
  }
  return rows;
}

export function runSummary(name: string, run: RunData, metric: string): RunSummary {
  const stats = runStatistics(run);
  const best = bestRows(run).at(-1);
  return {
    name,
    runId: run.runId,
    ended: run.ended,
    endReason: run.endReason ?? null,
    seconds: run.seconds,
    metric,
    objectives: run.objectives.map((o) => ({ name: o.name, direction: o.direction })),
    trials: run.trials.length,
    running: stats.running,
    stopped: stats.stopped,
    failed: stats.failed,
    epochs: stats.epochs,
    baselineEpochs: stats.baselineEpochs,
    saved: stats.saved,
    throughputGain: stats.throughputGain,
    best: best ? (best.best as number) : null,
    bestTrial: best ? (best.trial as string) : null,
  };
}

/** Everything the page shows for one run, from its folded journal. */
export function runView(
  name: string,
  { data: run, info }: FoldedRun,
  problem: string | null = null,
): RunView {
  const metric = curveMetric(run.objectives);
  const trials = run.trials.map((t) => trialRow(t, run, metric, info.get(t.id) ?? {}));
  const scored: ScoredGenome[] = [];
  for (const row of trials)
    if (row.reported !== null && row.status !== 'failed')
      scored.push({ trial: row.id, genome: row.genome, fitness: row.reported });
  const objective = run.objectives[0];
  return {
    summary: runSummary(name, run, metric),
    trials,
    specs: runSpecs(metric, run.objectives, objective?.name ?? metric),
    datasets: {
      ...curveDatasets(run, metric),
      best: bestRows(run),
      parallel: parallelRows(scored),
      importance: importanceRows(scored),
      pareto: paretoRows(run),
    },
    errors: run.errors.map((e) => ({ trialId: e.trialId ?? null, message: e.message })),
    audit: run.audit ?? null,
    problem,
  };
}
