/**
 * What the server sends the page: plain JSON, built from the journal by core's event fold. The page renders it
 * without interpreting the journal itself. Types only, shared with the client (`client/src`).
 */

export type Row = Record<string, string | number | boolean | null>;

/** One row of the trials table. */
export interface TrialRow {
  readonly id: string;
  readonly index: number;
  /** running, completed, stopped or failed; a trial of an interrupted run that never ended stays running. */
  readonly status: string;
  readonly epochs: number;
  readonly maxEpochs: number;
  /** The first objective's value the searcher was told, and whether it was measured or predicted. */
  readonly reported: number | null;
  readonly reportedSource: string | null;
  /** The latest prediction of the curve metric's final value. */
  readonly predicted: number | null;
  /** The last observed value of the curve metric. */
  readonly measured: number | null;
  readonly genome: Readonly<Record<string, unknown>>;
  /** Why it stopped (`reason` by `by`, with the prediction), or why it failed. */
  readonly reason: string | null;
  readonly backend: string | null;
  readonly error: string | null;
  readonly seconds: number;
}

export interface RunSummary {
  readonly name: string;
  readonly runId: string;
  readonly ended: boolean;
  readonly endReason: string | null;
  readonly seconds: number;
  readonly metric: string;
  readonly objectives: readonly { name: string; direction: string }[];
  readonly trials: number;
  readonly running: number;
  readonly stopped: number;
  readonly failed: number;
  readonly epochs: number;
  readonly baselineEpochs: number;
  readonly saved: number;
  readonly throughputGain: number;
  readonly best: number | null;
  readonly bestTrial: string | null;
}

/** Everything the page shows for one run. */
export interface RunView {
  readonly summary: RunSummary;
  readonly trials: readonly TrialRow[];
  /** Vega-Lite specs by chart id; their data are the named datasets below. */
  readonly specs: Readonly<Record<string, unknown>>;
  readonly datasets: Readonly<Record<string, readonly Row[]>>;
  readonly errors: readonly { trialId: string | null; message: string }[];
  /**
   * The predictor's audit so far (its latest `audit summary`: what the rule would have stopped of the trials trained
   * fully on purpose), null when the run audits none.
   */
  readonly audit: readonly string[] | null;
  /** A problem reading the journal (it is shown; what was read before stays). */
  readonly problem: string | null;
}

/** All runs the dashboard serves, with what the comparison shows. */
export interface RunsView {
  readonly runs: readonly RunSummary[];
  readonly specs: Readonly<Record<string, unknown>>;
  readonly datasets: Readonly<Record<string, readonly Row[]>>;
}
