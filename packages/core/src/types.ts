/**
 * The contracts every Penguin package builds on. Plain JSON crosses every boundary
 * (engine ⇄ trainer ⇄ searcher ⇄ plugin), so trials can move between threads, processes and machines.
 */
import type { Rng } from './rng.js';

// ---------------------------------------------------------------- genomes and spaces

/** A value a decision can take. */
export type DecisionValue = string | number | boolean;

/** One point of a search space: a plain JSON object `{ decisionName: value }`. Inactive conditional decisions are absent. */
export type Genome = Readonly<Record<string, DecisionValue>>;

/** A decision is active only when the named decision has one of the listed values. */
export interface Condition {
  readonly decision: string;
  readonly in: readonly DecisionValue[];
}

interface DecisionBase {
  readonly name: string;
  /** Active only when this holds; absent = always active. */
  readonly when?: Condition;
  /** One line for reports and docs. */
  readonly description?: string;
}

export interface CategoricalDecision extends DecisionBase {
  readonly kind: 'categorical';
  readonly choices: readonly DecisionValue[];
}

export interface IntegerDecision extends DecisionBase {
  readonly kind: 'int';
  readonly low: number;
  readonly high: number;
  /** Grid step (default 1). */
  readonly step?: number;
}

export interface FloatDecision extends DecisionBase {
  readonly kind: 'float';
  readonly low: number;
  readonly high: number;
  /** Sample uniformly in log space (a log-float decision); requires low > 0. */
  readonly log?: boolean;
}

/** A fixed-length bit string such as NSGA-Net's connection genes, stored as a string of '0' and '1'. */
export interface BitsDecision extends DecisionBase {
  readonly kind: 'bits';
  readonly length: number;
}

export type Decision = CategoricalDecision | IntegerDecision | FloatDecision | BitsDecision;
export type DecisionKind = Decision['kind'];

export type ValidationResult<G extends Genome = Genome> =
  | { readonly ok: true; readonly genome: G }
  | { readonly ok: false; readonly errors: readonly string[] };

/** What `repair` did to a genome that was not in the space. */
export interface Repair<G extends Genome = Genome> {
  readonly genome: G;
  /** Absent when the genome was already valid. */
  readonly repaired?: { readonly from: Genome; readonly reason: string };
}

export interface SearchSpace<G extends Genome = Genome> {
  readonly name: string;
  /** Ordered; a conditional decision comes after the decision it depends on. */
  readonly decisions: readonly Decision[];
  /** A uniformly random valid genome. */
  sample(rng: Rng): G;
  /** Checks a value against the space, with one message per problem. */
  validate(genome: unknown): ValidationResult<G>;
  /** Whether `validate` accepts it. */
  contains(genome: unknown): boolean;
  /** A stable string for de-duplication: equal genomes give equal keys, whatever their key order. */
  key(genome: G): string;
  /** The decisions active in this genome, in order. */
  activeDecisions(genome: Genome): readonly Decision[];
  /** Number of distinct genomes when finite and known (categorical, integer and bits decisions only). */
  size(): number | undefined;
  /** Maps a genome outside the space to the nearest genome inside it, saying what changed. */
  repair(genome: Genome): Repair<G>;
  /** Objectives known before training (parameter count, FLOPs…), if the space can compute them. */
  staticObjectives?(genome: G): Readonly<Record<string, number>>;
}

// ---------------------------------------------------------------- curves, predictions, fitness

/**
 * The metrics of one validation point. `epoch` may be fractional (validation every half epoch is allowed).
 * `null` marks a value that was not finite.
 */
export interface EpochLogs {
  readonly epoch: number;
  readonly [metric: string]: number | null;
}

export type Direction = 'maximize' | 'minimize';

/** An objective the searcher optimises, declared in the config. */
export interface ObjectiveSpec {
  readonly name: string;
  readonly direction: Direction;
  /**
   * `curve`: learned, the metric's value at the end of training (or its prediction);
   * `static`: known before training (from the space or the trainer).
   */
  readonly from: 'curve' | 'static';
  /** For `curve` objectives: the logged metric (default: the objective's name). */
  readonly metric?: string;
}

export type ObjectiveSource = 'measured' | 'predicted' | 'static';

export interface Objective {
  readonly value: number;
  readonly direction: Direction;
  readonly source: ObjectiveSource;
}

/**
 * What the searcher receives: named objectives. A failed trial reports the worst value
 * (-Infinity when maximising, +Infinity when minimising) for its learned objectives.
 */
export type Fitness = Readonly<Record<string, Objective>>;

/** One prediction a plugin made at a validation point. */
export interface Prediction {
  /** The metric predicted. */
  readonly metric: string;
  /** Epoch of the last point used. */
  readonly epoch: number;
  /** The epoch the prediction is for. */
  readonly target: number;
  /** The predicted value, or null when there is no prediction (then `reason` says why). */
  readonly value: number | null;
  /** Who made it (plugin and model, e.g. `predictor:peng4nn`). */
  readonly by: string;
  readonly reason?: string;
  /** Plain-JSON details (fitted parameters, spread, window…). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** A decision to stop a trial, returned by a `shouldTerminate` tap. */
export interface TerminateDecision {
  readonly reason: string;
  /** The plugin that decided. */
  readonly by: string;
  /** The predicted final value that justifies the stop, when there is one. */
  readonly prediction?: number;
  /** The chance the deciding rule gave the trial, when it judged by one (see `StopChance`). */
  readonly chance?: StopChance;
}

/**
 * A probabilistic stop's numbers: the rule judged that the trial's final value reaches `threshold` (metric units)
 * with probability `probability`, and stopped it because that was too small. A replay, which knows every true
 * final, counts how many stopped trials reached their threshold against the sum of these probabilities.
 */
export interface StopChance {
  /** In [0, 1]. */
  readonly probability: number;
  readonly threshold: number;
}

// ---------------------------------------------------------------- trials

export type TrialStatus = 'pending' | 'running' | 'completed' | 'stopped' | 'failed';

export interface TrialCost {
  /** Epochs trained (or replayed). */
  readonly epochs: number;
  readonly seconds: number;
}

/** A read-only snapshot of a trial, as hooks and searchers see it. */
export interface TrialSnapshot<G extends Genome = Genome> {
  readonly id: string;
  /** 0, 1, 2… in the order trials were started. */
  readonly index: number;
  readonly genome: G;
  /** Set when the searcher proposed a genome outside the space and it was repaired. */
  readonly repairedFrom?: Genome;
  readonly status: TrialStatus;
  /** The epochs the NAS would train this trial (the prediction target). */
  readonly maxEpochs: number;
  readonly curve: readonly EpochLogs[];
  readonly predictions: readonly Prediction[];
  readonly decision?: TerminateDecision;
  readonly staticObjectives: Readonly<Record<string, number>>;
  readonly fitness?: Fitness;
  readonly cost: TrialCost;
  readonly error?: string;
  /** Seed for everything random in this trial's training. */
  readonly seed: number;
  /** Plain-JSON facts the trainer reported (backend, worker, memory…). */
  readonly info?: Readonly<Record<string, unknown>>;
}

/** The trial argument of `onEpochEnd` and `shouldTerminate`: a snapshot plus the one thing a tap may add. */
export interface TrialView<G extends Genome = Genome> extends TrialSnapshot<G> {
  /** Records a prediction on the trial (and in the journal). */
  recordPrediction(prediction: Prediction): void;
}

/** What `searcher.tell` receives. */
export type FinishedTrial<G extends Genome = Genome> = TrialSnapshot<G> & {
  readonly status: 'completed' | 'stopped' | 'failed';
};

// ---------------------------------------------------------------- searchers

export interface SearcherContext<G extends Genome = Genome> {
  readonly space: SearchSpace<G>;
  readonly rng: Rng;
  readonly objectives: readonly ObjectiveSpec[];
}

/**
 * A search strategy. It proposes genomes and learns from their fitness; it never knows
 * whether a fitness was measured or predicted.
 */
export interface Searcher<G extends Genome = Genome> {
  readonly name: string;
  /**
   * Up to `n` new genomes. Fewer (or none) means nothing more right now, e.g. a generation waits for results;
   * none while no trial is running means the searcher is exhausted.
   */
  ask(n: number): Promise<readonly G[]> | readonly G[];
  /** Called once for every finished trial, including failed ones. */
  tell(trial: FinishedTrial<G>, fitness: Fitness): void | Promise<void>;
  /** Plain-JSON state for exact resume. */
  state?(): unknown;
  restore?(state: unknown): void;
}

/** How searchers are supplied: the engine gives them the space, a forked RNG and the objectives. */
export type SearcherFactory<G extends Genome = Genome> = (context: SearcherContext<G>) => Searcher<G>;

// ---------------------------------------------------------------- trainers

export interface TrialHandle<G extends Genome = Genome> {
  readonly id: string;
  readonly genome: G;
  readonly seed: number;
  /** Train up to this many epochs. */
  readonly maxEpochs: number;
  /** Aborted when the run is cancelled (Ctrl-C, wall-time budget): stop as soon as possible. */
  readonly signal: AbortSignal;
  /** The run, when the trial is trained by one (absent when a trainer is called directly). */
  readonly runId?: string;
  /** 1 on the first launch of the trial, one more on every relaunch (absent when called directly). */
  readonly attempt?: number;
}

export type ReportAnswer = 'continue' | 'stop';

/** Called by the trainer after each validation point; resolve before training further. */
export type ReportFn = (logs: EpochLogs) => Promise<ReportAnswer>;

export interface TrainResult {
  /** Epochs actually trained (or replayed): what the trial is charged. */
  readonly epochs: number;
  /** Objectives known from the built model (parameter count, FLOPs…). */
  readonly staticObjectives?: Readonly<Record<string, number>>;
  /** Plain-JSON facts for the journal (backend, repaired genome…). */
  readonly info?: Readonly<Record<string, unknown>>;
}

export interface Trainer<G extends Genome = Genome> {
  readonly name: string;
  /** Trials it can train at once (e.g. its worker pool's size); the engine's default concurrency. */
  readonly concurrency?: number;
  /**
   * Checks once, before the first trial, what every trial needs (dataset present, backend usable…); a rejection
   * fails the run once with its message instead of failing every trial the same way.
   */
  prepare?(): Promise<void>;
  /** Objectives known before training, if the trainer can compute them without training. */
  staticObjectives?(genome: G): Readonly<Record<string, number>> | Promise<Readonly<Record<string, number>>>;
  /** Trains one trial, calling `report` after each validation point and stopping when it answers 'stop'. */
  train(trial: TrialHandle<G>, report: ReportFn): Promise<TrainResult>;
  /** Releases workers, backends… once the run is over. */
  dispose?(): void | Promise<void>;
}

// ---------------------------------------------------------------- clock

/** Time source, injectable for tests. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
}
