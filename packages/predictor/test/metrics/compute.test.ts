import { describe, expect, it } from 'vitest';
import { type CurveOutcome, computeMetrics, topKCount } from '../../src/metrics/index.js';

function outcome(
  id: string,
  epochs_trained: number,
  full_epochs: number,
  converged: boolean,
  reported: number | null,
  true_final: number | null,
): CurveOutcome {
  return { id, epochs_trained, full_epochs, converged, reported, true_final };
}

// True order (best first, maximising): a 82, b 75, c 70, d 65, e 50. Reported order: c 90, a 80, b 75, d 60, e 50.
const five = [
  outcome('a', 10, 100, true, 80, 82),
  outcome('b', 100, 100, false, 75, 75),
  outcome('c', 20, 100, true, 90, 70),
  outcome('d', 50, 100, true, 60, 65),
  outcome('e', 200, 200, false, 50, 50),
];

describe('computeMetrics', () => {
  it('computes savings, throughput and convergence by hand', () => {
    const m = computeMetrics(five, { direction: 'maximize' });
    expect(m.curves).toBe(5);
    expect(m.epochsTrained).toBe(380);
    expect(m.baselineEpochs).toBe(600);
    expect(m.epochsSaved).toBeCloseTo(1 - 380 / 600, 12);
    // per-curve savings 0.9, 0, 0.8, 0.5, 0
    expect(m.meanEpochsSavedPerCurve).toBeCloseTo(0.44, 12);
    expect(m.throughputGain).toBeCloseTo(600 / 380, 12);
    expect(m.convergedFraction).toBeCloseTo(0.6, 12);
  });

  it('summarises the prediction error of converged curves only', () => {
    const m = computeMetrics(five, { direction: 'maximize' });
    // |80-82| = 2, |90-70| = 20, |60-65| = 5
    expect(m.predictionError.count).toBe(3);
    expect(m.predictionError.mean).toBeCloseTo(9, 12);
    expect(m.predictionError.median).toBeCloseTo(5, 12);
    // linear interpolation: index 0.9 * 2 = 1.8 between 5 and 20
    expect(m.predictionError.p90).toBeCloseTo(17, 12);
  });

  it('scores top-K recall, accuracy difference and rank correlations when maximising', () => {
    const m = computeMetrics(five, { direction: 'maximize', topK: [{ count: 2 }, { fraction: 0.4 }] });
    expect(m.topK.map((t) => [t.label, t.k])).toEqual([
      ['top-2', 2],
      ['top-40%', 2],
    ]);
    // true top-2 {a, b}, reported top-2 {c, a}
    expect(m.topK[0]?.recall).toBeCloseTo(0.5, 12);
    // (82 + 75) / 2 - (70 + 82) / 2
    expect(m.topK[0]?.difference).toBeCloseTo(2.5, 12);
    // rank differences 1, 1, 2, 0, 0: 1 - 6 * 6 / (5 * 24)
    expect(m.spearman).toBeCloseTo(0.7, 12);
    // 2 discordant pairs of 10: (8 - 2) / 10
    expect(m.kendall).toBeCloseTo(0.6, 12);
  });

  it('reverses the rankings when minimising a loss', () => {
    const m = computeMetrics(five, { direction: 'minimize', topK: [{ count: 2 }] });
    // true best two {e 50, d 65}, reported best two {e 50, d 60}
    expect(m.topK[0]?.recall).toBe(1);
    expect(m.topK[0]?.difference).toBe(0);
    expect(m.spearman).toBeCloseTo(0.7, 12);
    expect(m.kendall).toBeCloseTo(0.6, 12);
  });

  it('uses K = 10, 10%, 20% and 1 (the best network) by default, clipped to the number of curves', () => {
    const m = computeMetrics(five, { direction: 'maximize' });
    expect(m.topK.map((t) => [t.label, t.k])).toEqual([
      ['top-10', 5],
      ['top-10%', 1],
      ['top-20%', 1],
      ['top-1', 1],
    ]);
    // the network ranked first (c) is not the true best (a), and ends 12 points below it
    expect(m.topK[3]).toMatchObject({ recall: 0 });
    expect(m.topK[3]?.difference).toBeCloseTo(12, 12);
    expect(m.topK[0]?.recall).toBe(1);
    // true best a, reported best c: 82 - 70
    expect(m.topK[1]?.recall).toBe(0);
    expect(m.topK[1]?.difference).toBeCloseTo(12, 12);
  });

  it('ranks null and non-finite values worst and excludes them from the error', () => {
    const withFailures = [
      outcome('a', 5, 10, true, 90, 91),
      outcome('b', 10, 10, false, null, null),
      outcome('c', 3, 10, true, 80, null),
      outcome('d', 10, 10, false, 70, 70),
    ];
    const m = computeMetrics(withFailures, { direction: 'maximize', topK: [{ count: 1 }, { count: 3 }] });
    expect(m.predictionError.count).toBe(1);
    expect(m.predictionError.mean).toBeCloseTo(1, 12);
    expect(m.topK[0]?.recall).toBe(1);
    // true top-3 {a, d, one of b/c}, reported top-3 {a, c, d}: c's true value is not finite (worst)
    expect(m.topK[1]?.recall).toBeCloseTo((1 + 1 + 0.5) / 3, 12);
    expect(m.topK[1]?.difference).toBe(0);
    expect(Number.isFinite(m.spearman)).toBe(true);
  });

  it('reports an infinite accuracy difference when a diverged curve enters the reported top-K only', () => {
    const m = computeMetrics(
      [
        outcome('a', 10, 10, false, 1, 1),
        outcome('b', 2, 10, true, 0.5, null),
        outcome('c', 10, 10, false, 2, 2),
      ],
      { direction: 'minimize', topK: [{ count: 1 }] },
    );
    expect(m.topK[0]?.recall).toBe(0);
    expect(m.topK[0]?.difference).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives NaN errors when nothing converged and NaN correlations for a single curve', () => {
    const m = computeMetrics([outcome('a', 10, 10, false, 5, 5)], { direction: 'maximize' });
    expect(m.convergedFraction).toBe(0);
    expect(m.predictionError).toEqual({ count: 0, mean: Number.NaN, median: Number.NaN, p90: Number.NaN });
    expect(m.spearman).toBeNaN();
    expect(m.kendall).toBeNaN();
  });

  it('rejects bad outcomes with the entry, the field, what was expected and what was found', () => {
    expect(() => computeMetrics([], { direction: 'maximize' })).toThrow(
      'outcomes: expected at least one curve, got none',
    );
    expect(() => computeMetrics([outcome('a', 10, 0, false, 1, 1)], { direction: 'maximize' })).toThrow(
      'outcomes[0].full_epochs: expected a positive finite number, got 0',
    );
    expect(() =>
      computeMetrics([outcome('a', 1, 10, false, 1, 1), outcome('a', 1, 10, false, 1, 1)], {
        direction: 'maximize',
      }),
    ).toThrow('outcomes[1].id: expected unique ids, got "a" twice');
    expect(() =>
      computeMetrics([{ ...outcome('a', 1, 10, false, 1, 1), reported: '1' as unknown as number }], {
        direction: 'maximize',
      }),
    ).toThrow('outcomes[0].reported: expected a number or null, got "1"');
    expect(() => computeMetrics(five, { direction: 'up' as unknown as 'maximize' })).toThrow(
      `direction: expected 'maximize' or 'minimize', got "up"`,
    );
    expect(() => computeMetrics(five, { direction: 'maximize', topK: [{ fraction: 0 }] })).toThrow(
      'topK[0].fraction: expected a number in (0, 1], got 0',
    );
  });
});

describe('stop chances', () => {
  const judged = (o: CurveOutcome, probability: number, threshold: number): CurveOutcome => ({
    ...o,
    stop_probability: probability,
    stop_threshold: threshold,
  });

  it('counts the probabilistic stops, the sum of their probabilities and how many reached their threshold', () => {
    const outcomes = [
      judged(outcome('a', 10, 100, true, 80, 82), 0.04, 81), // reached (82 ≥ 81)
      judged(outcome('c', 20, 100, true, 90, 70), 0.01, 81), // did not
      judged(outcome('d', 50, 100, true, 60, 65), 0.02, 65), // reached: at the threshold counts
      outcome('b', 100, 100, false, 75, 75),
      judged(outcome('x', 5, 100, true, 60, null), 0.03, 60), // no true final: left out
    ];
    const m = computeMetrics(outcomes, { direction: 'maximize' });
    expect(m.stopChances?.stops).toBe(3);
    expect(m.stopChances?.expected).toBeCloseTo(0.07, 12);
    expect(m.stopChances?.reached).toBe(2);
    // For a loss, reaching the threshold is ending at or below it.
    const loss = computeMetrics(outcomes, { direction: 'minimize' });
    expect(loss.stopChances?.reached).toBe(2); // 70 ≤ 81, 65 ≤ 65
  });

  it('is absent when no stop had a chance (model-free rules)', () => {
    expect(computeMetrics(five, { direction: 'maximize' })).not.toHaveProperty('stopChances');
  });

  it('rejects a probability outside [0, 1] or one without its threshold, naming the entry', () => {
    const bad = [judged(outcome('a', 10, 100, true, 80, 82), 1.5, 81)];
    expect(() => computeMetrics(bad, { direction: 'maximize' })).toThrow(
      'outcomes[0].stop_probability: expected a number in [0, 1] beside stop_threshold, got 1.5',
    );
    const alone = [{ ...outcome('a', 10, 100, true, 80, 82), stop_probability: 0.1 }];
    expect(() => computeMetrics(alone, { direction: 'maximize' })).toThrow(
      'outcomes[0].stop_threshold: expected a finite number beside stop_probability, got undefined',
    );
  });
});

describe('topKCount', () => {
  it('is max(1, ⌊q·n⌋), at most n, as ALGORITHMS §4 states', () => {
    expect([15, 25, 200, 7].map((n) => topKCount(0.1, n))).toEqual([1, 2, 20, 1]);
    expect(topKCount(0.29, 100)).toBe(29);
    expect(topKCount(1, 3)).toBe(3);
  });
});

describe('log error', () => {
  it('is |ln reported − ln true| over stopped trials, for minimised metrics only', () => {
    const outcomes = [
      outcome('a', 2, 10, true, 0.5, 1),
      outcome('b', 2, 10, true, 3, 1),
      outcome('c', 10, 10, false, 7, 7),
      outcome('d', 2, 10, true, -1, 1),
    ];
    const metrics = computeMetrics(outcomes, { direction: 'minimize' });
    expect(metrics.logError?.count).toBe(2);
    expect(metrics.logError?.mean).toBeCloseTo((Math.log(2) + Math.log(3)) / 2, 12);
    expect(computeMetrics(outcomes, { direction: 'maximize' }).logError).toBeUndefined();
  });
});
