import {
  foldTrials,
  type JournalEvent,
  type ObjectiveSpec,
  PenguinError,
  type TrialState,
} from '@penguin-nas/core';
import { latestAudit, type ReportTrial, type RunData } from '@penguin-nas/report';

/** A run as the report package describes it, rebuilt from journal events by core's fold (never parsed again). */
export interface FoldedRun {
  readonly data: RunData;
  /** Each trial's `trial-ended` info (backend, …) by id. */
  readonly info: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

function reportTrial(t: TrialState, endedAt: number | undefined): ReportTrial {
  return {
    id: t.id,
    index: t.index,
    genome: t.genome,
    maxEpochs: t.maxEpochs,
    // Started but not ended: running (or interrupted, for a run that stopped).
    status: t.finished ? t.status : 'running',
    curve: t.curve,
    predictions: t.predictions,
    epochs: t.epochs,
    seconds: t.seconds,
    staticObjectives: t.staticObjectives,
    ...(t.decision ? { decision: t.decision } : {}),
    ...(t.fitness ? { fitness: t.fitness } : {}),
    ...(t.error !== undefined ? { error: t.error } : {}),
    ...(endedAt !== undefined ? { endedAt } : {}),
  };
}

/** Folds the events of one run directory into the report's RunData. */
export function foldRun(dir: string, events: readonly JournalEvent[]): FoldedRun {
  const started = events.find((e) => e.type === 'run-started');
  if (started?.type !== 'run-started')
    throw new PenguinError('JOURNAL_ERROR', `${dir}: no run-started event yet; expected a Penguin journal`);
  const folded = foldTrials(events);
  const info = new Map<string, Readonly<Record<string, unknown>>>();
  const trials = [...folded.trials.values()].map((t) => {
    if (t.info) info.set(t.id, t.info);
    return reportTrial(t, folded.endedAt.get(t.id));
  });
  const errors: { trialId?: string; message: string }[] = [];
  let ended: Extract<JournalEvent, { type: 'run-ended' }> | undefined;
  let resumes = 0;
  for (const event of events) {
    if (event.type === 'run-started') {
      if (event.resumed) resumes++;
      ended = undefined;
    } else if (event.type === 'error') {
      errors.push({ ...(event.trialId ? { trialId: event.trialId } : {}), message: event.message });
    } else if (event.type === 'run-ended') {
      ended = event;
    }
  }
  const audit = latestAudit(events);
  const data: RunData = {
    dir,
    runId: started.runId,
    seed: started.seed,
    objectives: started.objectives as ObjectiveSpec[],
    maxEpochs: started.maxEpochs,
    trials: trials.sort((a, b) => a.index - b.index),
    ended: ended !== undefined,
    ...(ended ? { endReason: ended.reason } : {}),
    seconds: folded.elapsedMs / 1000,
    errors,
    info: started.info ?? {},
    config: undefined,
    resumes,
    ...(audit === undefined ? {} : { audit }),
  };
  return { data, info };
}
