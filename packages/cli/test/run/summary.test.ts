import { type RunSummary, runCost, type TrialSnapshot } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { summaryJson } from '../../src/run/summary.js';

function trial(id: string, status: TrialSnapshot['status'], epochs: number): TrialSnapshot {
  return {
    id,
    index: Number(id.slice(1)),
    genome: {},
    status,
    maxEpochs: 10,
    curve: [],
    predictions: [],
    staticObjectives: {},
    cost: { epochs, seconds: 0 },
    seed: 0,
  };
}

describe('summaryJson', () => {
  it('counts savings over finished trials only, as the report does: an interrupted trial has no baseline', () => {
    const trials = [trial('t0', 'completed', 10), trial('t1', 'stopped', 2), trial('t2', 'pending', 6)];
    const cost = runCost(
      trials.map((t) => ({ status: t.status, maxEpochs: t.maxEpochs, epochs: t.cost.epochs })),
    );
    const summary: RunSummary = {
      runId: 'r',
      reason: 'cancelled',
      trials,
      epochs: cost.epochs,
      baselineEpochs: cost.baselineEpochs,
      cost,
      seconds: 1,
    };
    const json = summaryJson(summary, undefined);
    expect(json.epochs).toBe(18);
    expect(json.baselineEpochs).toBe(20);
    // 12 of 20 epochs trained by the finished trials: 40% saved (not 1 − 18/20 = 10%).
    expect(json.epochsSaved).toBeCloseTo(0.4);
    expect(json.throughputGain).toBeCloseTo(20 / 12);
  });
});
