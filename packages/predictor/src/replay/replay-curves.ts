import type { CurveRecord, Direction } from '@penguin-nas/core';
import { guessDirection } from '../curve/points.js';
import { computeMetrics, type TopKSpec } from '../metrics/index.js';
import { replayOrder } from './order.js';
import { guessMetric, missingTrainingMetric, nothingToReplay, prepareCurves } from './prepare.js';
import type { ReplayConfigReport, ReplayReport } from './report.js';
import { type ReplayConfig, type ReplayPluginFactory, replayConfig } from './run-config.js';

export interface ReplayCurvesOptions {
  /** The metric to predict (default `val_acc` when present, else the first metric of the first curve). */
  readonly metric?: string;
  /** Default: `minimize` for names with loss/err…, else `maximize`. */
  readonly direction?: Direction;
  /** Seed of the replay order and of the engine (default 0). */
  readonly seed?: number;
  /**
   * Meet the curves in the file's order (the order the recorded search ran them) instead of the seeded shuffle. One
   * order, so one figure (the seed, which only shuffles, is then unused): for a spread, replay seeded orders. Curves
   * with different targets are still replayed one target group at a time, each group in the file's order.
   */
  readonly inFileOrder?: boolean;
  /** One target epoch for every curve (curves that do not reach it are skipped); default: each curve's last epoch. */
  readonly target?: number;
  /**
   * Replay only the first `limit` curves of the order (a seeded subset for quick iterations; with `inFileOrder`, the
   * first `limit` replayable trials of the recorded search: skipped curves do not count).
   */
  readonly limit?: number;
  /** Top-K sets to score (default K = 10, 10%, 20%). */
  readonly topK?: readonly TopKSpec[];
  /** Builds each configuration's plugin. */
  readonly createPlugin: ReplayPluginFactory;
  /** The curve file, for the report's title. */
  readonly file?: string;
  /**
   * Progress within a configuration: curves done of `total`, fractional while a curve is replayed (after each of
   * its points, so one long curve shows progress too), whole when it ends.
   */
  readonly onProgress?: (config: string, done: number, total: number) => void;
  /** Called after each configuration (progress for long replays). */
  readonly onConfigDone?: (config: ReplayConfigReport, index: number) => void;
}

function assertConfigs(configs: readonly ReplayConfig[]): void {
  if (!Array.isArray(configs) || configs.length === 0)
    throw new RangeError('replay.configs: expected at least one configuration, got none');
  const names = new Set<string>();
  for (const [i, config] of configs.entries()) {
    if (typeof config?.name !== 'string' || config.name === '')
      throw new TypeError(
        `replay.configs[${i}].name: expected a non-empty string, got ${JSON.stringify(config?.name)}`,
      );
    if (names.has(config.name))
      throw new RangeError(`replay.configs[${i}].name: expected unique names, got "${config.name}" twice`);
    names.add(config.name);
    if (typeof config.options !== 'object' || config.options === null || Array.isArray(config.options))
      throw new TypeError(
        `replay.configs[${i}].options: expected a predictor options object, got ${JSON.stringify(config.options)}`,
      );
  }
}

/**
 * Replays recorded curves with one or several predictor configurations and scores each with the metrics of
 * ALGORITHMS §4. The curves are met in one seeded order, the same for every configuration, each through the
 * core engine as in a real run, so anything learned from finished trials comes only from curves met before.
 */
export async function replayCurves(
  records: readonly CurveRecord[],
  configs: readonly ReplayConfig[],
  options: ReplayCurvesOptions,
): Promise<ReplayReport> {
  assertConfigs(configs);
  const metric = options.metric ?? guessMetric(records);
  const direction = options.direction ?? guessDirection(metric);
  if (direction !== 'maximize' && direction !== 'minimize')
    throw new TypeError(
      `replay.direction: expected 'maximize' or 'minimize', got ${JSON.stringify(direction)}`,
    );
  const seed = options.seed ?? 0;
  if (!Number.isFinite(seed)) throw new RangeError(`replay.seed: expected a finite number, got ${seed}`);
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit >= 1))
    throw new RangeError(`replay.limit: expected an integer >= 1, got ${options.limit}`);
  const { curves, skipped } = prepareCurves(records, metric, options.target);
  if (curves.length === 0)
    throw new RangeError(`replay: ${nothingToReplay(records, skipped, metric, options.target)}`);
  const missing = missingTrainingMetric(records, configs);
  if (missing !== undefined) throw new RangeError(`replay: ${missing}`);
  const order = options.inFileOrder === true ? [...curves] : replayOrder(curves, seed);
  const ordered = order.slice(0, options.limit ?? curves.length);
  const reports: ReplayConfigReport[] = [];
  for (const [i, config] of configs.entries()) {
    let done = 0;
    const onProgress = options.onProgress;
    const result = await replayConfig(
      ordered,
      config,
      { metric, direction },
      options.createPlugin,
      seed,
      onProgress === undefined
        ? undefined
        : (curveFraction) => {
            if (curveFraction >= 1) done++;
            onProgress(config.name, curveFraction >= 1 ? done : done + curveFraction, ordered.length);
          },
    );
    // A failed trial (its curve broke the trainer or a plugin) says nothing about the rule: listed, not scored.
    const failed = new Set(result.failures.map((f) => f.id));
    const scored = result.outcomes.filter((o) => !failed.has(o.id));
    if (scored.length === 0)
      throw new RangeError(
        `replay: every curve failed with ${config.name} (first: ${result.failures[0]?.error})`,
      );
    const metrics = computeMetrics(scored, options.topK ? { direction, topK: options.topK } : { direction });
    const report: ReplayConfigReport = { name: config.name, options: config.options, metrics, ...result };
    reports.push(report);
    options.onConfigDone?.(report, i);
  }
  const targets = [...new Set(ordered.map((c) => c.target))].sort((a, b) => a - b);
  return {
    ...(options.file === undefined ? {} : { file: options.file }),
    metric,
    direction,
    seed,
    ...(options.inFileOrder === true ? { inFileOrder: true } : {}),
    curves: ordered.length,
    targets,
    skipped,
    configs: reports,
  };
}
