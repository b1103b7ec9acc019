import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONFIG_FILE,
  type EpochLogs,
  EVENTS_FILE,
  type Fitness,
  foldRun,
  type Genome,
  type JournalEvent,
  type ObjectiveSpec,
  PenguinError,
  type Prediction,
  parseJson,
  readJournal,
  type TerminateDecision,
  type TrialStatus,
} from '@penguin-nas/core';

/** One trial as the journal tells it. */
export interface ReportTrial {
  readonly id: string;
  readonly index: number;
  readonly genome: Genome;
  readonly maxEpochs: number;
  status: TrialStatus;
  curve: EpochLogs[];
  predictions: Prediction[];
  decision?: TerminateDecision;
  fitness?: Fitness;
  epochs: number;
  seconds: number;
  error?: string;
  staticObjectives: Readonly<Record<string, number>>;
  /** Milliseconds since the run started when the trial ended. */
  endedAt?: number;
}

export interface RunData {
  readonly dir: string;
  readonly runId: string;
  readonly seed: number;
  readonly objectives: readonly ObjectiveSpec[];
  readonly maxEpochs: number;
  readonly trials: ReportTrial[];
  /** Whether the run has ended (a report of a run in progress shows what is known so far). */
  readonly ended: boolean;
  readonly endReason?: string;
  readonly seconds: number;
  readonly errors: readonly { trialId?: string; message: string }[];
  readonly info: Readonly<Record<string, unknown>>;
  readonly config: unknown;
  readonly resumes: number;
  /**
   * The predictor's audit in words (its latest `audit summary` journal entry: trials trained fully on purpose and
   * the stops the rule would have made), when the run audited any.
   */
  readonly audit?: readonly string[];
}

/** The lines of the latest `audit summary` the predictor journalled; entries that are not lists of text are skipped. */
export function latestAudit(events: readonly JournalEvent[]): string[] | undefined {
  let lines: string[] | undefined;
  for (const e of events) {
    if (e.type !== 'plugin' || e.plugin !== 'predictor' || e.event.event !== 'audit summary') continue;
    const candidate = e.event.lines;
    if (Array.isArray(candidate) && candidate.every((l) => typeof l === 'string')) lines = candidate;
  }
  return lines;
}

/** Reads a run directory (events.jsonl and config.json); a run still in progress or torn by a crash is fine. */
export function loadRun(dir: string): RunData {
  if (!existsSync(join(dir, EVENTS_FILE))) {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${dir}: no ${EVENTS_FILE}; expected a run directory written by \`penguin run --out <dir>\``,
    );
  }
  const { events } = readJournal(dir);
  const folded = foldRun(events);
  const { started } = folded;
  if (!started) {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${dir}/${EVENTS_FILE}: no run-started event; expected a Penguin journal`,
    );
  }
  const config = existsSync(join(dir, CONFIG_FILE))
    ? parseJson(readFileSync(join(dir, CONFIG_FILE), 'utf8'))
    : undefined;
  const trials: ReportTrial[] = [...folded.trials.values()].map((t) => {
    const endedAt = folded.endedAt.get(t.id);
    const trial: ReportTrial = {
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
    };
    if (t.decision) trial.decision = t.decision;
    if (t.fitness) trial.fitness = t.fitness;
    if (t.error !== undefined) trial.error = t.error;
    if (endedAt !== undefined) trial.endedAt = endedAt;
    return trial;
  });
  const runEnded = folded.ended;
  const audit = latestAudit(events);
  return {
    dir,
    runId: started.runId,
    seed: started.seed,
    objectives: started.objectives as ObjectiveSpec[],
    maxEpochs: started.maxEpochs,
    trials: trials.sort((a, b) => a.index - b.index),
    ended: runEnded !== undefined,
    ...(runEnded ? { endReason: runEnded.reason } : {}),
    seconds: folded.elapsedMs / 1000,
    errors: folded.errors,
    info: started.info ?? {},
    config,
    resumes: folded.resumes,
    ...(audit === undefined ? {} : { audit }),
  };
}
