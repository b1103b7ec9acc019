import { readCurveFile } from '@penguin-nas/core';
import { predictorPlugin } from '../../../packages/predictor/src/plugin/index.js';
import { type ReplayConfig, replayCurves } from '../../../packages/predictor/src/replay/index.js';
import { DEVELOPMENT_SETS, type DevelopmentSetName } from '../datasets.js';
import { ScoreCache } from './cache.js';
import { type PointScore, scoreOutcomes } from './score.js';

export interface SweepOptions {
  readonly sets: readonly DevelopmentSetName[];
  readonly configs: readonly ReplayConfig[];
  readonly seeds: readonly number[];
  readonly cache: ScoreCache;
  /** Curves each replay takes from its seeded order, replacing every set's own limit (smaller searches). */
  readonly limit?: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** The curves one replay of a set takes: `limit` when given, else the set's own limit (undefined: all). */
export function curveLimit(set: DevelopmentSetName, limit?: number): number | undefined {
  return limit ?? (DEVELOPMENT_SETS[set] as { limit?: number }).limit;
}

/** The cache key of one replay. */
export function scoreKey(
  set: DevelopmentSetName,
  config: ReplayConfig,
  seed: number,
  limit?: number,
): string {
  return ScoreCache.key(set, curveLimit(set, limit), config.name, config.options, seed);
}

/**
 * Replays every configuration on every set for every seed (each seed is its own replay order, hence its own
 * subset of a large set), scoring each replay; replays already in the cache are not run again, and the cache is
 * saved after each set and seed, so an interrupted sweep resumes.
 */
export async function sweep(options: SweepOptions): Promise<void> {
  const { cache } = options;
  for (const name of options.sets) {
    const set = DEVELOPMENT_SETS[name];
    const limit = curveLimit(name, options.limit);
    const records = await readCurveFile(set.file);
    for (const seed of options.seeds) {
      const missing = options.configs.filter(
        (c) => cache.get(scoreKey(name, c, seed, options.limit)) === undefined,
      );
      if (missing.length === 0) continue;
      const started = performance.now();
      await replayCurves(records, missing, {
        metric: set.metric,
        direction: set.direction,
        seed,
        ...(limit === undefined ? {} : { limit }),
        createPlugin: (o) => predictorPlugin(o),
        onConfigDone: (report) => {
          const score: PointScore = scoreOutcomes(report.outcomes, set.direction);
          cache.set(scoreKey(name, report, seed, options.limit), score);
          options.log?.(
            `${name} seed ${seed} ${report.name}: saved ${(score.saved * 100).toFixed(1)}%, ` +
              `top-10% ${score.top10pct.toFixed(2)}, best ${score.best.toFixed(2)} (${report.seconds.toFixed(1)} s)`,
          );
        },
      });
      cache.save();
      options.log?.(
        `${name} seed ${seed}: ${missing.length} replays in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
  }
}
