import type { ObjectiveSpec } from '@penguin-nas/core';
import type { TopLevelSpec } from 'vega-lite';
import type { ReportTrial, RunData } from './load-run.js';
import { isFinished, objectiveValue, paretoFront } from './statistics.js';

const STATUS_COLORS = {
  domain: ['completed', 'stopped', 'failed', 'running', 'pending'],
  range: ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#bab0ac'],
};

const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 640, height: 300 } as const;

/** The metric the learning curves show: the first curve objective's metric. */
export function curveMetric(run: RunData): { metric: string; objective: ObjectiveSpec | undefined } {
  const objective = run.objectives.find((o) => o.from === 'curve');
  return { metric: objective?.metric ?? objective?.name ?? 'val_acc', objective };
}

/** Every trial's curve, its stop point and the prediction it was stopped on. */
export function curvesChart(run: RunData): TopLevelSpec {
  const { metric } = curveMetric(run);
  const points: Record<string, unknown>[] = [];
  const stops: Record<string, unknown>[] = [];
  for (const t of run.trials) {
    for (const p of t.curve) {
      const y = p[metric];
      if (typeof y === 'number') points.push({ trial: t.id, epoch: p.epoch, value: y, status: t.status });
    }
    const last = t.curve[t.curve.length - 1];
    if (t.status === 'stopped' && last && typeof last[metric] === 'number') {
      const predicted = t.decision?.prediction;
      stops.push({
        trial: t.id,
        epoch: last.epoch,
        value: last[metric],
        target: t.maxEpochs,
        predicted: predicted ?? null,
      });
    }
  }
  return {
    ...base,
    title: `Learning curves (${metric}): stop points and the predictions they reported`,
    layer: [
      {
        data: { values: points },
        mark: { type: 'line', strokeWidth: 1, opacity: 0.55 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch' },
          y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } },
          detail: { field: 'trial', type: 'nominal' },
          color: { field: 'status', type: 'nominal', scale: STATUS_COLORS },
        },
      },
      {
        data: { values: stops.filter((s) => s.predicted !== null) },
        mark: { type: 'rule', strokeDash: [3, 3], color: '#f58518', opacity: 0.7 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          x2: { field: 'target' },
          y2: { field: 'predicted' },
        },
      },
      {
        data: { values: stops },
        mark: { type: 'point', shape: 'cross', color: '#f58518', size: 40 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          tooltip: [{ field: 'trial' }, { field: 'epoch' }, { field: 'predicted' }],
        },
      },
      {
        data: { values: stops.filter((s) => s.predicted !== null) },
        mark: { type: 'point', shape: 'diamond', filled: true, color: '#f58518', size: 30 },
        encoding: {
          x: { field: 'target', type: 'quantitative' },
          y: { field: 'predicted', type: 'quantitative' },
        },
      },
    ],
  };
}

/** Small multiples for a few trials: curve and prediction trajectory (the value predicted at each point). */
export function predictionsChart(run: RunData, trials: readonly ReportTrial[]): TopLevelSpec | undefined {
  const { metric } = curveMetric(run);
  const values: Record<string, unknown>[] = [];
  for (const t of trials) {
    for (const p of t.curve)
      if (typeof p[metric] === 'number')
        values.push({ trial: t.id, epoch: p.epoch, value: p[metric], series: 'observed' });
    for (const p of t.predictions)
      if (p.metric === metric && typeof p.value === 'number')
        values.push({ trial: t.id, epoch: p.epoch, value: p.value, series: 'predicted final' });
  }
  if (values.length === 0) return undefined;
  return {
    $schema: base.$schema,
    title: 'Observed curve and predicted final value at each point',
    data: { values },
    facet: { field: 'trial', type: 'nominal', title: null, sort: trials.map((t) => t.id) },
    columns: 4,
    spec: {
      width: 180,
      height: 120,
      mark: { type: 'line', point: { size: 12 } },
      encoding: {
        x: { field: 'epoch', type: 'quantitative' },
        y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: ['observed', 'predicted final'], range: ['#4c78a8', '#f58518'] },
        },
      },
    },
  };
}

/** The best fitness found against epochs spent, in the order trials finished. */
export function progressChart(run: RunData): TopLevelSpec | undefined {
  const objective = run.objectives[0];
  if (!objective) return undefined;
  const finished = run.trials.filter(isFinished).sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
  let spent = 0;
  let best: number | undefined;
  const values: Record<string, unknown>[] = [];
  for (const t of finished) {
    spent += t.epochs;
    const v = objectiveValue(t, objective);
    if (v !== undefined && (best === undefined || (objective.direction === 'maximize' ? v > best : v < best)))
      best = v;
    if (best !== undefined) values.push({ epochs: spent, best, trial: t.id });
  }
  if (values.length === 0) return undefined;
  return {
    ...base,
    height: 220,
    title: `Best ${objective.name} found against epochs trained`,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', point: true },
    encoding: {
      x: { field: 'epochs', type: 'quantitative', title: 'epochs trained (cumulative)' },
      y: { field: 'best', type: 'quantitative', title: `best ${objective.name}`, scale: { zero: false } },
      tooltip: [{ field: 'trial' }, { field: 'best' }],
    },
  };
}

/** Epochs trained and saved per trial. */
export function epochsChart(run: RunData): TopLevelSpec {
  const values: Record<string, unknown>[] = [];
  for (const t of run.trials) {
    values.push({ trial: t.index, part: 'trained', epochs: t.epochs });
    if (t.status === 'stopped')
      values.push({ trial: t.index, part: 'saved', epochs: Math.max(0, t.maxEpochs - t.epochs) });
  }
  return {
    ...base,
    height: 180,
    title: 'Epochs per trial: trained and saved by early termination',
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'trial', type: 'ordinal', title: 'trial', axis: { labelOverlap: true } },
      y: { field: 'epochs', type: 'quantitative', stack: 'zero' },
      color: {
        field: 'part',
        type: 'nominal',
        scale: { domain: ['trained', 'saved'], range: ['#4c78a8', '#c7c7c7'] },
      },
    },
  };
}

/** The first two objectives of every finished trial, the Pareto front highlighted. */
export function paretoChart(run: RunData): TopLevelSpec | undefined {
  const [o1, o2] = run.objectives;
  if (!o1 || !o2) return undefined;
  const front = new Set(paretoFront(run).map((t) => t.id));
  const values = run.trials
    .filter((t) => objectiveValue(t, o1) !== undefined && objectiveValue(t, o2) !== undefined)
    .map((t) => ({
      trial: t.id,
      [o1.name]: objectiveValue(t, o1),
      [o2.name]: objectiveValue(t, o2),
      front: front.has(t.id) ? 'Pareto front' : 'dominated',
    }));
  if (values.length === 0) return undefined;
  return {
    ...base,
    title: `Pareto front: ${o1.name} (${o1.direction}) against ${o2.name} (${o2.direction})`,
    data: { values },
    layer: [
      {
        mark: { type: 'point', filled: true },
        encoding: {
          x: { field: o2.name, type: 'quantitative', scale: { zero: false } },
          y: { field: o1.name, type: 'quantitative', scale: { zero: false } },
          color: {
            field: 'front',
            type: 'nominal',
            scale: { domain: ['Pareto front', 'dominated'], range: ['#e45756', '#bab0ac'] },
          },
          tooltip: [{ field: 'trial' }, { field: o1.name }, { field: o2.name }],
        },
      },
      {
        transform: [{ filter: "datum.front === 'Pareto front'" }],
        mark: { type: 'line', interpolate: 'step-after', color: '#e45756' },
        encoding: {
          x: { field: o2.name, type: 'quantitative', sort: 'ascending' },
          y: { field: o1.name, type: 'quantitative' },
        },
      },
    ],
  };
}
