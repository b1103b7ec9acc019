import type { ReplayConfig } from '../../../packages/predictor/src/replay/index.js';
import type { DevelopmentSetName } from '../datasets.js';
import type { ScoreCache } from './cache.js';
import { seedScores } from './points.js';
import { type SeedSummary, summariseSeeds } from './score.js';

/** What a choice must deliver on every set it is chosen on (the goals, means over seeds). */
export const CHOICE_GOALS = { top10pct: 0.85, best: 0.8 } as const;

export interface HeldOutResult {
  readonly heldOut: DevelopmentSetName;
  /** The configuration chosen on the other sets. */
  readonly chosen: string;
  /** On how many of the sets it was chosen on it met the goals. */
  readonly met: number;
  /** The sets it was chosen on. */
  readonly of: number;
  /** Its figures on the held-out set. */
  readonly summary: SeedSummary;
}

function meetsGoals(summary: SeedSummary): boolean {
  return summary.top10pct.mean >= CHOICE_GOALS.top10pct && summary.best.mean >= CHOICE_GOALS.best;
}

/**
 * Leave one set out: for each set, choose among `configs` on the other sets only — the one meeting the goals on
 * the most of them, and among those the one saving the most epochs on average — and report the choice's figures
 * on the set left out. Only configurations replayed on every set for every seed take part.
 */
export function leaveOneSetOut(
  cache: ScoreCache,
  sets: readonly DevelopmentSetName[],
  configs: readonly ReplayConfig[],
  seeds: readonly number[],
): HeldOutResult[] {
  const table = new Map<string, Map<DevelopmentSetName, SeedSummary>>();
  for (const config of configs) {
    const bySet = new Map<DevelopmentSetName, SeedSummary>();
    for (const set of sets) {
      const scores = seedScores(cache, set, config, seeds);
      if (scores) bySet.set(set, summariseSeeds(scores));
    }
    if (bySet.size === sets.length) table.set(config.name, bySet);
  }
  const results: HeldOutResult[] = [];
  for (const heldOut of sets) {
    const training = sets.filter((s) => s !== heldOut);
    let chosen: { name: string; met: number; saved: number } | undefined;
    for (const [name, bySet] of table) {
      const summaries = training.map((s) => bySet.get(s) as SeedSummary);
      const met = summaries.filter(meetsGoals).length;
      const saved = summaries.reduce((sum, s) => sum + s.saved.mean, 0) / summaries.length;
      const better = !chosen || met > chosen.met || (met === chosen.met && saved > chosen.saved + 1e-12);
      if (better) chosen = { name, met, saved };
    }
    if (!chosen) continue;
    const summary = table.get(chosen.name)?.get(heldOut) as SeedSummary;
    results.push({ heldOut, chosen: chosen.name, met: chosen.met, of: training.length, summary });
  }
  return results;
}
