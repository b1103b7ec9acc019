import type { RunEndReason } from '../run-types.js';
import type {
  EpochLogs,
  Fitness,
  Genome,
  Prediction,
  TerminateDecision,
  TrialCost,
  TrialStatus,
} from '../types.js';

interface Base {
  /** Milliseconds since the run started (across resumes). */
  readonly t: number;
}

/** Every line of `events.jsonl`. */
export type JournalEvent =
  | (Base & {
      readonly type: 'run-started';
      readonly runId: string;
      readonly seed: number;
      readonly resumed: boolean;
      readonly maxEpochs: number;
      readonly objectives: readonly unknown[];
      readonly info?: Readonly<Record<string, unknown>>;
    })
  | (Base & {
      readonly type: 'trial-started';
      readonly trialId: string;
      readonly index: number;
      readonly genome: Genome;
      readonly repairedFrom?: Genome;
      readonly repairReason?: string;
      readonly seed: number;
      readonly maxEpochs: number;
      readonly staticObjectives: Readonly<Record<string, number>>;
      /** 1 on the first launch, one more on every relaunch (absent in journals written before it existed). */
      readonly attempt?: number;
    })
  | (Base & { readonly type: 'epoch'; readonly trialId: string; readonly logs: EpochLogs })
  | (Base & { readonly type: 'prediction'; readonly trialId: string; readonly prediction: Prediction })
  | (Base & { readonly type: 'decision'; readonly trialId: string; readonly decision: TerminateDecision })
  | (Base & { readonly type: 'fitness'; readonly trialId: string; readonly fitness: Fitness })
  | (Base & {
      readonly type: 'trial-ended';
      readonly trialId: string;
      readonly status: Exclude<TrialStatus, 'pending' | 'running'>;
      readonly cost: TrialCost;
      readonly error?: string;
      readonly info?: Readonly<Record<string, unknown>>;
    })
  /** The searcher has been told the trial's fitness: the last step of its lifecycle. */
  | (Base & { readonly type: 'trial-told'; readonly trialId: string })
  | (Base & {
      readonly type: 'error';
      readonly trialId?: string;
      readonly code: string;
      readonly message: string;
      readonly plugin?: string;
      readonly hook?: string;
    })
  | (Base & {
      readonly type: 'plugin';
      readonly plugin: string;
      readonly event: Readonly<Record<string, unknown>>;
    })
  /** A notice from the executor (a stale result from an old attempt, a lost worker…), plain JSON. */
  | (Base & {
      readonly type: 'executor';
      readonly executor: string;
      readonly trialId?: string;
      readonly event: Readonly<Record<string, unknown>>;
    })
  | (Base & {
      readonly type: 'run-ended';
      readonly reason: RunEndReason;
      readonly trials: number;
      readonly epochs: number;
      readonly seconds: number;
    });

export type JournalEventType = JournalEvent['type'];

/** Search state written after every ask and tell, so `resume` continues exactly. */
export interface Checkpoint {
  readonly version: 1;
  /** Trials started so far (the next trial's index). */
  readonly nextIndex: number;
  /** Ids of finished trials the searcher has been told about, in order. */
  readonly told: readonly string[];
  readonly searcher?: unknown;
  readonly plugins: Readonly<Record<string, unknown>>;
}
