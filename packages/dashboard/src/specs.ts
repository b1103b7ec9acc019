import type { ObjectiveSpec } from '@penguin-nas/core';
import type { TopLevelSpec } from 'vega-lite';

/**
 * The dashboard's Vega-Lite specs. Their data are named datasets (`{ name: 'curves' }`) that the page replaces as
 * the journal grows, so a live update changes data without rebuilding a chart.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const STATUS = {
  domain: ['completed', 'stopped', 'failed', 'running'],
  range: ['#4c78a8', '#f58518', '#e45756', '#54a24b'],
};
const size = { width: 'container', height: 300, autosize: { type: 'fit-x', contains: 'padding' } } as const;

function curvesSpec(metric: string): TopLevelSpec {
  const hover = { param: 'hover', empty: false };
  return {
    $schema: SCHEMA,
    ...size,
    height: 360,
    layer: [
      {
        data: { name: 'forecasts' },
        mark: { type: 'area', opacity: 0.12, color: '#f58518' },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: { field: 'lower', type: 'quantitative' },
          y2: { field: 'upper' },
          detail: { field: 'trial' },
        },
      },
      {
        data: { name: 'forecasts' },
        mark: { type: 'line', strokeDash: [4, 3], color: '#f58518', opacity: 0.8 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          detail: { field: 'trial' },
          tooltip: [
            { field: 'trial' },
            { field: 'epoch', title: 'target epoch' },
            { field: 'value', title: 'predicted', format: '.4~f' },
            { field: 'lower', format: '.4~f' },
            { field: 'upper', format: '.4~f' },
          ],
        },
      },
      {
        data: { name: 'curves' },
        mark: { type: 'line', interpolate: 'linear' },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch' },
          y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } },
          detail: { field: 'trial' },
          color: { field: 'status', type: 'nominal', scale: STATUS, title: 'status' },
          strokeWidth: { condition: { ...hover, value: 3 }, value: 1.2 },
          opacity: { condition: { ...hover, value: 1 }, value: 0.6 },
        },
      },
      {
        data: { name: 'curves' },
        params: [
          { name: 'hover', select: { type: 'point', on: 'pointerover', fields: ['trial'], nearest: true } },
        ],
        mark: { type: 'point', opacity: 0, size: 30 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          tooltip: [
            { field: 'trial' },
            { field: 'status' },
            { field: 'epoch' },
            { field: 'value', title: metric, format: '.4~f' },
          ],
        },
      },
      {
        data: { name: 'stops' },
        mark: { type: 'point', shape: 'cross', color: '#f58518', size: 80, strokeWidth: 2 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          tooltip: [{ field: 'trial' }, { field: 'epoch', title: 'stopped at' }, { field: 'reason' }],
        },
      },
    ],
  } as TopLevelSpec;
}

function bestSpec(x: 'epochs' | 'seconds', fitness: string): TopLevelSpec {
  return {
    $schema: SCHEMA,
    ...size,
    height: 220,
    data: { name: 'best' },
    mark: { type: 'line', interpolate: 'step-after', point: true },
    encoding: {
      x: {
        field: x,
        type: 'quantitative',
        title: x === 'epochs' ? 'epochs trained (cumulative)' : 'wall time (s)',
      },
      y: { field: 'best', type: 'quantitative', title: `best ${fitness}`, scale: { zero: false } },
      tooltip: [{ field: 'trial' }, { field: 'best', format: '.4~f' }, { field: x }],
    },
  } as TopLevelSpec;
}

function parallelSpec(fitness: string): TopLevelSpec {
  return {
    $schema: SCHEMA,
    ...size,
    height: 280,
    data: { name: 'parallel' },
    encoding: {
      x: {
        field: 'decision',
        type: 'nominal',
        sort: { field: 'order' },
        title: null,
        axis: { labelAngle: 0 },
      },
      y: { field: 'position', type: 'quantitative', axis: null, scale: { domain: [0, 1] } },
    },
    layer: [
      {
        mark: { type: 'line', opacity: 0.7, point: { size: 18 } },
        encoding: {
          detail: { field: 'trial' },
          color: { field: 'fitness', type: 'quantitative', title: fitness, scale: { scheme: 'viridis' } },
          tooltip: [
            { field: 'trial' },
            { field: 'decision' },
            { field: 'label', title: 'value' },
            { field: 'fitness' },
          ],
        },
      },
      {
        // Each value's label on its axis, once.
        transform: [
          { aggregate: [{ op: 'count', as: 'trials' }], groupby: ['decision', 'order', 'position', 'label'] },
        ],
        mark: { type: 'text', align: 'left', dx: 5, fontSize: 9, color: '#444', limit: 90 },
        encoding: { text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}

function importanceSpec(fitness: string): TopLevelSpec {
  return {
    $schema: SCHEMA,
    ...size,
    height: 200,
    data: { name: 'importance' },
    mark: 'bar',
    encoding: {
      y: { field: 'decision', type: 'nominal', sort: '-x', title: null },
      x: {
        field: 'importance',
        type: 'quantitative',
        title: `share of ${fitness} variance explained (η²)`,
        scale: { domain: [0, 1] },
      },
      tooltip: [{ field: 'decision' }, { field: 'importance', format: '.3f' }, { field: 'groups' }],
    },
  } as TopLevelSpec;
}

function paretoSpec(o1: ObjectiveSpec, o2: ObjectiveSpec): TopLevelSpec {
  return {
    $schema: SCHEMA,
    ...size,
    data: { name: 'pareto' },
    layer: [
      {
        mark: { type: 'point', filled: true },
        encoding: {
          x: {
            field: 'x',
            type: 'quantitative',
            title: `${o2.name} (${o2.direction})`,
            scale: { zero: false },
          },
          y: {
            field: 'y',
            type: 'quantitative',
            title: `${o1.name} (${o1.direction})`,
            scale: { zero: false },
          },
          color: {
            field: 'front',
            type: 'nominal',
            scale: { domain: ['Pareto front', 'dominated'], range: ['#e45756', '#bab0ac'] },
          },
          tooltip: [{ field: 'trial' }, { field: 'x', title: o2.name }, { field: 'y', title: o1.name }],
        },
      },
      {
        transform: [{ filter: "datum.front === 'Pareto front'" }],
        mark: { type: 'line', interpolate: 'step-after', color: '#e45756' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

/** The specs of one run's page, by chart id. */
export function runSpecs(
  metric: string,
  objectives: readonly ObjectiveSpec[],
  fitness: string,
): Record<string, TopLevelSpec> {
  const [o1, o2] = objectives;
  return {
    curves: curvesSpec(metric),
    bestEpochs: bestSpec('epochs', fitness),
    bestTime: bestSpec('seconds', fitness),
    parallel: parallelSpec(fitness),
    importance: importanceSpec(fitness),
    ...(o1 && o2 ? { pareto: paretoSpec(o1, o2) } : {}),
  };
}

/** Runs side by side: the best value against epochs trained, one line per run. */
export function compareSpecs(): Record<string, TopLevelSpec> {
  return {
    compare: {
      $schema: SCHEMA,
      ...size,
      height: 260,
      data: { name: 'compare' },
      mark: { type: 'line', interpolate: 'step-after', point: true },
      encoding: {
        x: { field: 'epochs', type: 'quantitative', title: 'epochs trained (cumulative)' },
        y: { field: 'best', type: 'quantitative', title: 'best first objective', scale: { zero: false } },
        color: { field: 'run', type: 'nominal', title: 'run' },
        tooltip: [
          { field: 'run' },
          { field: 'trial' },
          { field: 'best', format: '.4~f' },
          { field: 'epochs' },
        ],
      },
    } as TopLevelSpec,
  };
}
