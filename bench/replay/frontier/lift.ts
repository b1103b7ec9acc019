import type { ReplayConfig } from '../../../packages/predictor/src/replay/index.js';
import type { DevelopmentSetName } from '../datasets.js';
import type { ScoreCache } from './cache.js';
import { type FrontierPoint, seedScores, valueAtSavings } from './points.js';
import { summariseSeeds } from './score.js';

/**
 * A candidate outside the savings of the default's sweep: dominated (saves less, keeps no more than the sweep's
 * most careful δ), dominating (saves more, keeps at least as much as its boldest δ), or off (no comparison).
 */
function outside(frontier: readonly FrontierPoint[], saved: number, recall: number): string {
  const careful = frontier[0]?.summary;
  const bold = frontier[frontier.length - 1]?.summary;
  if (careful && saved < careful.saved.mean && recall <= careful.top10pct.mean) return 'dominated';
  if (bold && saved > bold.saved.mean && recall >= bold.top10pct.mean) return 'dominates';
  return `off (${recall.toFixed(2)})`;
}

/**
 * Whether a candidate lifts the default's frontier: per set, the candidate's mean top-10% recall minus the
 * recall the default's δ sweep reaches at the candidate's own savings (interpolated), with the candidate's
 * savings. A gain on every set is what a change of the default needs.
 */
export function liftTable(
  cache: ScoreCache,
  sets: readonly DevelopmentSetName[],
  candidates: readonly ReplayConfig[],
  defaultFrontier: ReadonlyMap<DevelopmentSetName, readonly FrontierPoint[]>,
  seeds: readonly number[],
): string {
  const rows = candidates.map((config) => {
    const cells = sets.map((set) => {
      const scores = seedScores(cache, set, config, seeds);
      if (!scores) return '–';
      const s = summariseSeeds(scores);
      const reference = valueAtSavings(defaultFrontier.get(set) ?? [], s.saved.mean, 'top10pct');
      const saved = `${(s.saved.mean * 100).toFixed(0)}%`;
      if (reference === null)
        return `${saved}: ${outside(defaultFrontier.get(set) ?? [], s.saved.mean, s.top10pct.mean)}`;
      const gain = s.top10pct.mean - reference;
      return `${saved}: ${gain >= 0 ? '+' : ''}${gain.toFixed(2)}`;
    });
    return `| ${config.name} | ${cells.join(' | ')} |`;
  });
  return [
    `| candidate | ${sets.join(' | ')} |`,
    `| --- | ${sets.map(() => '---:').join(' | ')} |`,
    ...rows,
  ].join('\n');
}
