import {
  type CurveRecord,
  type Direction,
  Engine,
  type Plugin,
  type RunSummary,
  replayTrainer,
  type TrialSnapshot,
  tabularSpace,
} from '@penguin-nas/core';
import type { CurveOutcome } from '../metrics/index.js';
import { type ResolvedPredictorOptions, resolvePredictorOptions } from '../options/resolve-options.js';
import type { AuditRecord } from '../plugin/audit.js';
import type { PredictorPlugin } from '../plugin/predictor-plugin.js';
import { sequenceSearcher } from './order.js';
import type { ReplayCurve } from './prepare.js';

/** One predictor configuration to replay: a column of the table. */
export interface ReplayConfig {
  /** Column name in the table and `config` in `--per-curve` rows. */
  readonly name: string;
  /** Predictor options: a plain object accepted by `predictorOptionsSchema`. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** What the replay knows about the metric, handed to the plugin factory. */
export interface ReplayMetric {
  readonly metric: string;
  readonly direction: Direction;
}

/** Builds the plugin for one configuration (by default the predictor plugin). */
export type ReplayPluginFactory = (
  options: Readonly<Record<string, unknown>>,
  metric: ReplayMetric,
) => Plugin;

export interface ReplayConfigResult {
  /** One outcome per curve, in replay order. */
  readonly outcomes: readonly CurveOutcome[];
  /** Wall-clock seconds the replay of this configuration took. */
  readonly seconds: number;
  /** Curves whose trial failed, with the engine's error. */
  readonly failures: readonly { readonly id: string; readonly error: string }[];
  /** The audited trials (trained fully on purpose, `fullTraining`), when the configuration had any. */
  readonly audits?: readonly AuditRecord[];
}

/** The decision the replay space uses: one categorical choice per recorded curve. */
const CURVE_DECISION = 'curve';

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Curves in replay order, grouped by target epoch (each group is one engine run), groups in order of first use. */
function groupByTarget(curves: readonly ReplayCurve[]): ReplayCurve[][] {
  const groups = new Map<number, ReplayCurve[]>();
  for (const curve of curves) {
    const group = groups.get(curve.target) ?? [];
    group.push(curve);
    groups.set(curve.target, group);
  }
  return [...groups.values()];
}

/**
 * The metrics a replay logs for a configuration: only the judged one, unless its calibration reads a training metric
 * (`calibration.trainingMetric`, `'auto'` by default), when every metric a record has is logged (undefined). Options
 * that do not resolve log every metric: building the plugin reports what is wrong with them.
 */
function loggedMetrics(options: ReplayConfig['options'], metric: ReplayMetric): string[] | undefined {
  let calibration: ResolvedPredictorOptions['calibration'];
  try {
    calibration = resolvePredictorOptions(options).calibration;
  } catch {
    return undefined;
  }
  return calibration !== false && calibration.trainingMetric !== false ? undefined : [metric.metric];
}

async function replayGroup(
  curves: readonly ReplayCurve[],
  plugin: Plugin,
  metric: ReplayMetric,
  metrics: string[] | undefined,
  seed: number,
  onProgress: ((curveFraction: number) => void) | undefined,
): Promise<RunSummary> {
  // Every curve becomes the genome { curve: id }, so curves without a recorded genome replay too.
  const records: CurveRecord[] = curves.map((c) => ({
    ...c.record,
    genome: { [CURVE_DECISION]: c.record.id },
  }));
  const space = tabularSpace(records, { name: 'replay' });
  const target = (curves[0] as ReplayCurve).target;
  const engine = new Engine({
    space,
    searcher: sequenceSearcher(records.map((r) => r.genome as NonNullable<CurveRecord['genome']>)),
    trainer: replayTrainer(space, metrics === undefined ? {} : { metrics }),
    objectives: [{ name: metric.metric, direction: metric.direction, from: 'curve' }],
    maxEpochs: target,
    budget: { trials: curves.length },
    plugins: onProgress === undefined ? [plugin] : [plugin, progressPlugin(onProgress)],
    concurrency: 1,
    seed,
    // The outcomes need each trial's cost, status and fitness only: memory stays flat over 15,625 curves.
    keepHistory: false,
  });
  return engine.run();
}

/**
 * Progress within one configuration: the fraction of the current curve replayed after each of its points (so a
 * single long curve shows progress too), then 1 when its trial ends.
 */
function progressPlugin(onProgress: (curveFraction: number) => void): Plugin {
  return {
    name: 'replay-progress',
    apply(host) {
      host.hooks.onEpochEnd.tapPromise('replay-progress', async (trial, logs) =>
        onProgress(Math.min(logs.epoch / trial.maxEpochs, 0.999)),
      );
      host.hooks.onTrialEnd.tapPromise('replay-progress', async () => onProgress(1));
    },
  };
}

/**
 * The outcome of one curve from the run summary. A failed trial (e.g. a plugin error) gets the epochs it used, not
 * converged, no fitness (null); its error is kept in `failures` and the replay leaves it out of the metrics.
 */
function outcomeOf(trial: TrialSnapshot | undefined, curve: ReplayCurve, metric: string): CurveOutcome {
  const id = curve.record.id;
  if (!trial)
    throw new Error(`replay: the engine did not run curve ${id}; is the budget or the space wrong?`);
  return {
    id,
    epochs_trained: trial.cost.epochs,
    full_epochs: curve.target,
    converged: trial.status === 'stopped',
    reported: finiteOrNull(trial.fitness?.[metric]?.value),
    true_final: curve.trueFinal,
    ...(trial.decision === undefined ? {} : { reason: trial.decision.reason }),
    ...(trial.decision?.chance === undefined
      ? {}
      : {
          stop_probability: trial.decision.chance.probability,
          stop_threshold: trial.decision.chance.threshold,
        }),
  };
}

/**
 * Replays curves (already in replay order) through the core engine with one configuration's plugin, exactly as
 * a run would meet them: a tabular space, the replay trainer, and a searcher proposing the curves in order, one
 * at a time. Curves with different targets run as one engine per target (see the package README).
 */
export async function replayConfig(
  curves: readonly ReplayCurve[],
  config: ReplayConfig,
  metric: ReplayMetric,
  createPlugin: ReplayPluginFactory,
  seed: number,
  onProgress?: (curveFraction: number) => void,
): Promise<ReplayConfigResult> {
  const started = performance.now();
  const byId = new Map<string, CurveOutcome>();
  const failures: { id: string; error: string }[] = [];
  const audits: AuditRecord[] = [];
  for (const group of groupByTarget(curves)) {
    const plugin = createPlugin(config.options, metric);
    const summary = await replayGroup(
      group,
      plugin,
      metric,
      loggedMetrics(config.options, metric),
      seed,
      onProgress,
    );
    audits.push(...((plugin as Partial<PredictorPlugin>).predictor?.audits ?? []));
    const trials = new Map(summary.trials.map((t) => [String(t.genome[CURVE_DECISION]), t]));
    for (const curve of group) {
      const trial = trials.get(curve.record.id);
      byId.set(curve.record.id, outcomeOf(trial, curve, metric.metric));
      if (trial?.status === 'failed')
        failures.push({ id: curve.record.id, error: trial.error ?? 'no reason given' });
    }
  }
  const outcomes = curves.map((c) => byId.get(c.record.id) as CurveOutcome);
  return {
    outcomes,
    seconds: (performance.now() - started) / 1000,
    failures,
    ...(audits.length === 0 ? {} : { audits }),
  };
}
