/**
 * The coordinator's side of one running trial: it turns the at-least-once stream of epoch logs and results from
 * any number of deliveries into exactly-once calls of the engine's `report`, and settles the trial with the first
 * final result of the current attempt.
 */
import type { EpochLogs, EpochReport, ReportAnswer, TrainResult } from '@penguin-nas/core';
import type { EpochMessage, ResultMessage } from './wire.js';

/** What the inbox wants the coordinator to do: answer a validation point, or journal a notice. */
export interface InboxEffects {
  answer(message: EpochMessage, answer: ReportAnswer): void;
  notice(event: { readonly type: string; readonly trialId: string; readonly [key: string]: unknown }): void;
}

export class TrialInbox {
  /** The highest delivery seen: epochs from older deliveries are stale. */
  private delivery = 0;
  /** The last epoch handed to the engine, and the engine's answer to each. */
  private forwarded = 0;
  private readonly answers = new Map<number, ReportAnswer>();
  /** Reports run one after the other, in stream order. */
  private chain: Promise<unknown> = Promise.resolve();
  /** A result (or failure) was accepted: later messages are stale. */
  private settled = false;
  /** The accepted result has been handed on: nothing more reaches the engine. */
  private ended = false;
  readonly done: Promise<TrainResult>;
  private resolveDone!: (result: TrainResult) => void;
  private rejectDone!: (error: Error) => void;

  constructor(
    readonly trialId: string,
    readonly attempt: number,
    private readonly report: EpochReport,
    private readonly effects: InboxEffects,
  ) {
    this.done = new Promise<TrainResult>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
  }

  get finished(): boolean {
    return this.settled;
  }

  onEpoch(message: EpochMessage): void {
    if (this.settled || message.attempt !== this.attempt || message.delivery < this.delivery) {
      this.effects.notice({
        type: 'stale-epoch',
        trialId: this.trialId,
        attempt: message.attempt,
        delivery: message.delivery,
        epoch: message.epoch,
        agent: message.agent,
        why: this.settled ? 'the trial already ended' : 'a newer delivery of the trial is running',
      });
      this.effects.answer(message, 'stop');
      return;
    }
    if (message.delivery > this.delivery) {
      if (this.delivery > 0) {
        this.effects.notice({
          type: 'redelivered',
          trialId: this.trialId,
          attempt: this.attempt,
          delivery: message.delivery,
          agent: message.agent,
          resumesAfterEpoch: this.forwarded,
        });
      }
      this.delivery = message.delivery;
    }
    this.chain = this.chain.then(async () => {
      if (message.epoch <= this.forwarded) {
        // A redelivery re-trains epochs the engine has already seen: answer as before, tell the engine nothing.
        this.effects.answer(message, this.answers.get(message.epoch) ?? 'continue');
        return;
      }
      const answer = this.ended
        ? 'stop'
        : await this.report({ ...message.logs, epoch: message.epoch } as EpochLogs).catch(
            () => 'stop' as const,
          );
      this.forwarded = message.epoch;
      this.answers.set(message.epoch, answer);
      this.effects.answer(message, answer);
    });
  }

  onResult(message: ResultMessage): void {
    if (this.settled || message.attempt !== this.attempt) {
      this.effects.notice({
        type: 'stale-result',
        trialId: this.trialId,
        attempt: message.attempt,
        delivery: message.delivery,
        agent: message.agent,
        why: this.settled ? 'the trial already has its result' : `attempt ${this.attempt} is the current one`,
      });
      return;
    }
    this.settled = true;
    // Every epoch of the stream before this result has reached the engine before the result does.
    this.chain = this.chain.then(() => {
      this.ended = true;
      if (message.ok) this.resolveDone(message.result as TrainResult);
      else this.rejectDone(new Error(`agent ${message.agent}: ${message.error}`));
    });
  }

  /** Ends the trial without a result (its job failed in BullMQ, the run was cancelled). */
  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.chain = this.chain.then(() => {
      this.ended = true;
      this.rejectDone(error);
    });
  }
}
