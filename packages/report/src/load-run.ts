import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONFIG_FILE,
  type EpochLogs,
  EVENTS_FILE,
  type Fitness,
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
  const started = events.find((e) => e.type === 'run-started');
  if (!started || started.type !== 'run-started') {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${dir}/${EVENTS_FILE}: no run-started event; expected a Penguin journal`,
    );
  }
  const config = existsSync(join(dir, CONFIG_FILE))
    ? parseJson(readFileSync(join(dir, CONFIG_FILE), 'utf8'))
    : undefined;
  const trials = new Map<string, ReportTrial>();
  const errors: { trialId?: string; message: string }[] = [];
  let ended: JournalEvent | undefined;
  let resumes = 0;
  let last = 0;
  for (const event of events) {
    last = Math.max(last, event.t ?? 0);
    switch (event.type) {
      case 'run-started':
        if (event.resumed) resumes++;
        ended = undefined;
        break;
      case 'trial-started':
        trials.set(event.trialId, {
          id: event.trialId,
          index: event.index,
          genome: event.genome,
          maxEpochs: event.maxEpochs,
          status: 'running',
          curve: [],
          predictions: [],
          epochs: 0,
          seconds: 0,
          staticObjectives: event.staticObjectives,
        });
        break;
      case 'epoch': {
        const trial = trials.get(event.trialId);
        if (trial) {
          trial.curve.push(event.logs);
          trial.epochs = event.logs.epoch;
        }
        break;
      }
      case 'prediction':
        trials.get(event.trialId)?.predictions.push(event.prediction);
        break;
      case 'decision': {
        const trial = trials.get(event.trialId);
        if (trial) trial.decision = event.decision;
        break;
      }
      case 'fitness': {
        const trial = trials.get(event.trialId);
        if (trial) trial.fitness = event.fitness;
        break;
      }
      case 'trial-ended': {
        const trial = trials.get(event.trialId);
        if (!trial) break;
        trial.status = event.status;
        trial.epochs = event.cost.epochs;
        trial.seconds = event.cost.seconds;
        trial.endedAt = event.t;
        if (event.error !== undefined) trial.error = event.error;
        break;
      }
      case 'error':
        errors.push({ ...(event.trialId ? { trialId: event.trialId } : {}), message: event.message });
        break;
      case 'run-ended':
        ended = event;
        break;
      default:
        break;
    }
  }
  const runEnded = ended?.type === 'run-ended' ? ended : undefined;
  return {
    dir,
    runId: started.runId,
    seed: started.seed,
    objectives: started.objectives as ObjectiveSpec[],
    maxEpochs: started.maxEpochs,
    trials: [...trials.values()].sort((a, b) => a.index - b.index),
    ended: runEnded !== undefined,
    ...(runEnded ? { endReason: runEnded.reason } : {}),
    seconds: last / 1000,
    errors,
    info: started.info ?? {},
    config,
    resumes,
  };
}
