import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JournalEvent, readJournal } from '@penguin-nas/core';
import { loadRun, paretoFront, runStatistics } from '@penguin-nas/report';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldRun, runView } from '../src/index.js';
import { FAILURE, liveRun, SCRIPT_VALUE } from './live-run.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'penguin-dashboard-view-'));
  await liveRun(dir);
});

describe('runView', () => {
  it('folds the journal as the report does and shows every trial, stopped ones with their reason', () => {
    const folded = foldRun(dir, readJournal(dir).events);
    const report = loadRun(dir);
    expect(folded.data.trials.map((t) => [t.id, t.status, t.epochs])).toEqual(
      report.trials.map((t) => [t.id, t.status, t.epochs]),
    );
    const view = runView('live', folded);
    const stats = runStatistics(report);
    expect(view.summary).toMatchObject({
      trials: 6,
      stopped: 3,
      failed: 1,
      epochs: stats.epochs,
      saved: stats.saved,
      throughputGain: stats.throughputGain,
      ended: true,
    });
    const stopped = view.trials.filter((t) => t.status === 'stopped');
    expect(stopped.map((t) => t.epochs)).toEqual([6, 6, 6]);
    for (const t of stopped) {
      expect(t.reason).toMatch(/^toy rule: predicted \d+\.\d\d < 99 \(by toy, predicted \d/);
      expect(t.reportedSource).toBe('measured'); // the toy stops but does not replace the fitness
    }
    expect(view.trials[1]?.genome.e1_0).toBe(SCRIPT_VALUE);
    expect(view.trials[3]).toMatchObject({ status: 'failed', reason: `[toy] onEpochEnd failed: ${FAILURE}` });
    expect(view.datasets.stops?.length).toBe(3);
    expect(view.datasets.curves?.length).toBe(3 * 6 + 2 * 12 + 3); // trial 3 failed at epoch 3
    // Stopped trials keep their forecast: the last point and the prediction with its band at the target.
    expect(view.datasets.forecasts?.filter((r) => r.epoch === 12)).toHaveLength(3);
    expect(view.datasets.forecasts?.find((r) => r.epoch === 12)).toMatchObject({ lower: expect.any(Number) });
    const best = view.datasets.best ?? [];
    expect(best.at(-1)?.epochs).toBe(stats.epochs);
    // The best trial named is the one holding the best reported value, whichever trial ended last.
    const holder = [...view.trials]
      .filter((t) => t.reported !== null)
      .sort((a, b) => (b.reported as number) - (a.reported as number))[0];
    expect(view.summary.bestTrial).toBe(holder?.id);
    expect(view.summary.best).toBe(holder?.reported);
    expect(view.datasets.parallel?.length).toBe(5 * 6); // failed trials have no fitness to colour by
    expect(view.datasets.importance?.length).toBe(6);
    for (const row of view.datasets.importance ?? []) expect(row.importance).toBeGreaterThanOrEqual(0);
  });

  it('shows a run in progress: trials not ended are running', () => {
    const events = readJournal(dir).events;
    const half = events.slice(0, Math.floor(events.length / 2));
    const view = runView('live', foldRun(dir, half));
    expect(view.summary.ended).toBe(false);
    expect(view.trials.some((t) => t.status === 'running')).toBe(true);
  });

  it("shows the predictor's latest audit estimate, and none for a run that audits no trial", () => {
    const events = readJournal(dir).events;
    expect(runView('live', foldRun(dir, events)).audit).toBeNull();
    const t = events.at(-1)?.t ?? 0;
    const estimate = (lines: unknown) =>
      ({ t, type: 'plugin', plugin: 'predictor', event: { event: 'audit summary', lines } }) as JournalEvent;
    const first = ['1 audited trial (trained fully on purpose); the rule would have stopped 1'];
    const latest = [
      '2 audited trials (trained fully on purpose); the rule would have stopped 1',
      '<b>spared</b>',
    ];
    const audited = [...events, estimate(first), estimate(latest), estimate('not a list of lines')];
    expect(runView('live', foldRun(dir, audited)).audit).toEqual(latest);
  });

  it('shows the Pareto front of two objectives as the report computes it', async () => {
    const two = mkdtempSync(join(tmpdir(), 'penguin-dashboard-pareto-'));
    await liveRun(two, { twoObjectives: true });
    const view = runView('two', foldRun(two, readJournal(two).events));
    expect(view.specs.pareto).toBeDefined();
    const front = (view.datasets.pareto ?? []).filter((r) => r.front === 'Pareto front').map((r) => r.trial);
    expect(front.length).toBeGreaterThan(0);
    expect(front.sort()).toEqual(
      paretoFront(loadRun(two))
        .map((t) => t.id)
        .sort(),
    );
    expect(runView('one', foldRun(dir, readJournal(dir).events)).specs.pareto).toBeUndefined();
  });
});
