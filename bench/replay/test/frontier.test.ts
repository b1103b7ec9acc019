import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CurveOutcome } from '../../../packages/predictor/src/metrics/index.js';
import { codeFingerprint, ScoreCache } from '../frontier/cache.js';
import { leaveOneSetOut } from '../frontier/loo.js';
import { type FrontierPoint, seedScores, valueAtSavings } from '../frontier/points.js';
import { type PointScore, reportedErrors, scoreOutcomes, summariseSeeds } from '../frontier/score.js';
import { frontierSvg } from '../frontier/svg.js';
import { scoreKey } from '../frontier/sweep.js';

const outcome = (id: string, trained: number, reported: number, truth: number): CurveOutcome => ({
  id,
  epochs_trained: trained,
  full_epochs: 10,
  converged: trained < 10,
  reported,
  true_final: truth,
});

function score(saved: number, top10pct: number, best = 1): PointScore {
  return {
    curves: 10,
    saved,
    top10pct,
    top10: top10pct,
    best,
    bestGap: best === 1 ? 0 : 1,
    errorMean: 1,
    errorMedian: 1,
    spearman: 0.5,
  };
}

/** Temporary folders made by a test, removed after it. */
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

const point = (saved: number, recall: number): FrontierPoint => ({
  name: `p${saved}`,
  family: 'f',
  summary: summariseSeeds([score(saved, recall)]),
});

describe('frontier scoring', () => {
  it('scores errors of stopped trials only: points for accuracies, percent of the truth for losses', () => {
    const outcomes = [outcome('a', 2, 60, 70), outcome('b', 10, 90, 90), outcome('c', 5, 0.5, 0.4)];
    expect(reportedErrors(outcomes, 'maximize')).toEqual([10, expect.closeTo(0.1, 9)]);
    expect(reportedErrors(outcomes, 'minimize')[1]).toBeCloseTo(25, 9);
  });

  it('counts the best network kept only when it is ranked first', () => {
    const kept = scoreOutcomes(
      Array.from({ length: 10 }, (_, i) => outcome(`c${i}`, i === 9 ? 10 : 2, i, i)),
      'maximize',
    );
    expect(kept.best).toBe(1);
    expect(kept.saved).toBeCloseTo(1 - (9 * 2 + 10) / 100, 9);
    const lost = scoreOutcomes(
      Array.from({ length: 10 }, (_, i) => outcome(`c${i}`, 2, i === 9 ? 0 : i, i)),
      'maximize',
    );
    expect(lost.best).toBe(0);
    expect(kept.bestGap).toBe(0);
    // The best (true 9) is reported as 0; the one ranked first instead is true 8: one point short.
    expect(lost.bestGap).toBeCloseTo(1, 9);
  });

  it('gives the first-ranked shortfall of losses in percent of the best loss', () => {
    // True losses 1 … 10 (best 1); the best is reported as 50, so the one ranked first is the true 2.
    const outcomes = Array.from({ length: 10 }, (_, i) => outcome(`c${i}`, 2, i === 0 ? 50 : i + 1, i + 1));
    const scored = scoreOutcomes(outcomes, 'minimize');
    expect(scored.best).toBe(0);
    expect(scored.bestGap).toBeCloseTo(100, 9);
  });

  it('summarises seeds as mean, smallest and largest, leaving NaN out', () => {
    const summary = summariseSeeds([score(0.5, 0.8), { ...score(0.7, 0.6), errorMean: Number.NaN }]);
    expect(summary.saved).toEqual({ mean: 0.6, min: 0.5, max: 0.7 });
    expect(summary.errorMean).toEqual({ mean: 1, min: 1, max: 1 });
    expect(summary.seeds).toBe(2);
  });
});

describe('frontier comparison', () => {
  it('interpolates a family at given savings and refuses outside its sweep', () => {
    const points = [point(0.5, 0.9), point(0.7, 0.7), point(0.9, 0.3)];
    expect(valueAtSavings(points, 0.6, 'top10pct')).toBeCloseTo(0.8, 9);
    expect(valueAtSavings(points, 0.8, 'top10pct')).toBeCloseTo(0.5, 9);
    expect(valueAtSavings(points, 0.95, 'top10pct')).toBeNull();
    expect(valueAtSavings(points, 0.4, 'top10pct')).toBeNull();
  });
});

describe('leave one set out', () => {
  it('chooses on the other sets only and reports the choice on the held-out one', () => {
    const cache = new ScoreCache(join(tempFolder('frontier-'), 'scores.json'));
    const careful = { name: 'careful', options: { delta: 0.01 } };
    const bold = { name: 'bold', options: { delta: 0.5 } };
    // bold meets the goals on nb201 and nlp, careful everywhere; on a4nn only careful does.
    const figures = {
      nb201: { careful: score(0.6, 0.95), bold: score(0.8, 0.9) },
      nlp: { careful: score(0.6, 0.95), bold: score(0.8, 0.9) },
      a4nn: { careful: score(0.5, 0.9), bold: score(0.7, 0.4) },
    } as const;
    for (const [set, byConfig] of Object.entries(figures)) {
      for (const config of [careful, bold]) {
        cache.set(scoreKey(set as 'nb201', config, 0), byConfig[config.name as 'careful' | 'bold']);
      }
    }
    const results = leaveOneSetOut(cache, ['nb201', 'nlp', 'a4nn'], [careful, bold], [0]);
    const byHeldOut = Object.fromEntries(results.map((r) => [r.heldOut, r]));
    // Holding a4nn out, bold meets the goals on both others and saves more: chosen, and it fails on a4nn.
    expect(byHeldOut.a4nn?.chosen).toBe('bold');
    expect(byHeldOut.a4nn?.summary.top10pct.mean).toBe(0.4);
    // Holding nb201 out, only careful meets the goals on both nlp and a4nn.
    expect(byHeldOut.nb201?.chosen).toBe('careful');
    expect(byHeldOut.nb201?.met).toBe(2);
  });
});

describe('score cache', () => {
  it('keeps scores for the code that replayed them and drops them for any other', () => {
    const file = join(tempFolder('cache-'), 'scores.json');
    const first = new ScoreCache(file, 'code-a');
    first.set('k', score(0.5, 0.9));
    first.save();
    expect(new ScoreCache(file, 'code-a').get('k')).toEqual(score(0.5, 0.9));
    const changed = new ScoreCache(file, 'code-b');
    expect(changed.get('k')).toBeUndefined();
    expect(changed.dropped).toBe(1);
    // A file in the old format (no fingerprint) is never read as current.
    writeFileSync(file, JSON.stringify({ k: score(0.5, 0.9) }));
    const old = new ScoreCache(file, 'code-a');
    expect(old.get('k')).toBeUndefined();
    expect(old.dropped).toBe(1);
  });

  it('fingerprints the contents of the code, not only its names', () => {
    const code = (content: string) => {
      const folder = tempFolder('code-');
      mkdirSync(join(folder, 'src'));
      writeFileSync(join(folder, 'src', 'a.ts'), content);
      return folder;
    };
    const here = code('export const a = 1;\n');
    const before = codeFingerprint([here]);
    expect(codeFingerprint([here])).toBe(before);
    // The same files elsewhere (another checkout) have the same fingerprint; other contents do not.
    expect(codeFingerprint([code('export const a = 1;\n')])).toBe(before);
    expect(codeFingerprint([code('export const a = 2;\n')])).not.toBe(before);
  });

  it('fingerprints a single file given beside the folders (the scoring code)', () => {
    const folder = tempFolder('code-');
    writeFileSync(join(folder, 'a.ts'), 'export const a = 1;\n');
    // The file lives outside the folder: only its own entry can see it change.
    const file = join(tempFolder('score-'), 'score.ts');
    writeFileSync(file, 'export const figures = 1;\n');
    const withScore = codeFingerprint([folder, file]);
    expect(withScore).not.toBe(codeFingerprint([folder]));
    expect(codeFingerprint([folder, file])).toBe(withScore);
    writeFileSync(file, 'export const figures = 2;\n');
    expect(codeFingerprint([folder, file])).not.toBe(withScore);
  });

  it("keys a smaller search (a curve limit replacing the set's own) apart from the full replay", () => {
    const cache = new ScoreCache(join(tempFolder('cache-'), 'scores.json'), 'code');
    const config = { name: 'c', options: {} };
    // TaskSet replays its first 300 curves unless told otherwise; NB201 all of them.
    expect(scoreKey('taskset', config, 0)).toBe(ScoreCache.key('taskset', 300, 'c', {}, 0));
    expect(scoreKey('taskset', config, 0, 40)).toBe(ScoreCache.key('taskset', 40, 'c', {}, 0));
    expect(scoreKey('nb201', config, 0)).toBe(ScoreCache.key('nb201', undefined, 'c', {}, 0));
    for (const seed of [0, 1]) cache.set(scoreKey('nb201', config, seed, 40), score(0.5 + seed / 10, 0.8));
    expect(seedScores(cache, 'nb201', config, [0, 1])).toBeUndefined();
    expect(seedScores(cache, 'nb201', config, [0, 1], 40)?.map((s) => s.saved)).toEqual([0.5, 0.6]);
  });
});

describe('frontier plot', () => {
  it('draws one line per family with an escaped title', () => {
    const svg = frontierSvg('a <b> & c', [
      {
        title: 'recall',
        series: [
          {
            name: 'default',
            points: [0.5, 0.7].map((x) => ({
              x: { mean: x, min: x, max: x },
              y: { mean: 0.8, min: 0.7, max: 0.9 },
            })),
          },
        ],
      },
    ]);
    expect(svg).toContain('<title>a &lt;b&gt; &amp; c</title>');
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });
});
