/** Messages between an agent and its trainer child process (IPC, one trial at a time per child). */
import type { EpochLogs, ReportAnswer, TrainResult } from '@penguin-nas/core';
import type { TrialPayload } from './wire.js';

export type ToChild =
  | { readonly type: 'train'; readonly payload: TrialPayload; readonly backend?: string }
  | { readonly type: 'answer'; readonly epoch: number; readonly answer: ReportAnswer }
  | { readonly type: 'abort' };

export type FromChild =
  /** Sent once at start, when the builder module is loaded: the child can take a trial without delay. */
  | { readonly type: 'ready' }
  | { readonly type: 'epoch'; readonly logs: EpochLogs }
  | { readonly type: 'done'; readonly result: TrainResult }
  | { readonly type: 'failed'; readonly error: string };

/**
 * A module that builds trainers for agents: `buildTrainer(spec, options)` turns the job's `trainer` section into a
 * Trainer. The CLI's (`@penguin-nas/cli`'s agent) resolves it through the config registry.
 */
export interface TrainerBuilderModule {
  buildTrainer(
    spec: Readonly<Record<string, unknown>>,
    options: { readonly backend?: string },
  ): Promise<import('@penguin-nas/core').Trainer>;
}
