/** One training slot of an agent: a child process that trains one trial at a time (see trainer-child.ts). */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EpochLogs, ReportAnswer, TrainResult } from '@penguin-nas/core';
import type { FromChild, ToChild } from './child-messages.js';
import type { TrialPayload } from './wire.js';

/** The child's entry file: `.ts` when running from sources (tests, tsx), `.js` when built. */
const CHILD = fileURLToPath(
  new URL(`./trainer-child.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

export class TrainerSlot {
  private child: ChildProcess | undefined;

  constructor(
    private readonly builderUrl: string,
    private readonly backend: string | undefined,
  ) {}

  /**
   * Starts the child process ahead of the first trial and resolves when it is ready (its trainer builder loaded),
   * so an agent's first trial does not pay the process start. A child that exits or fails to start resolves it
   * too: the first trial starts another and reports what goes wrong.
   */
  start(): Promise<void> {
    const child = this.spawn();
    return new Promise<void>((resolve) => {
      const done = () => {
        child.off('message', onMessage);
        child.off('exit', done);
        child.off('error', done);
        resolve();
      };
      const onMessage = (message: FromChild) => {
        if (message.type === 'ready') done();
      };
      child.on('message', onMessage);
      child.on('exit', done);
      // A process that cannot be started: the first trial starts another and reports why.
      child.on('error', done);
    });
  }

  /** Trains one trial; `onEpoch` answers each validation point; `signal` aborts it within one batch. */
  train(
    payload: TrialPayload,
    onEpoch: (logs: EpochLogs) => Promise<ReportAnswer>,
    signal: AbortSignal,
  ): Promise<TrainResult> {
    const child = this.spawn();
    return new Promise<TrainResult>((resolve, reject) => {
      const send = (message: ToChild) => {
        if (child.connected) child.send(message);
      };
      const onAbort = () => send({ type: 'abort' });
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        signal.removeEventListener('abort', onAbort);
      };
      const onMessage = (message: FromChild) => {
        if (message.type === 'ready') return;
        if (message.type === 'epoch') {
          void onEpoch(message.logs).then((answer) =>
            send({ type: 'answer', epoch: message.logs.epoch, answer }),
          );
        } else {
          cleanup();
          if (message.type === 'done') resolve(message.result);
          else reject(new Error(message.error));
        }
      };
      const onExit = (code: number | null, sig: string | null) => {
        cleanup();
        this.child = undefined;
        reject(
          new Error(`the trainer process exited (${sig ?? `code ${code}`}) during trial ${payload.trialId}`),
        );
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      signal.addEventListener('abort', onAbort, { once: true });
      send({ type: 'train', payload, ...(this.backend === undefined ? {} : { backend: this.backend }) });
      if (signal.aborted) onAbort();
    });
  }

  close(): void {
    this.child?.kill();
    this.child = undefined;
  }

  private spawn(): ChildProcess {
    if (this.child?.connected) return this.child;
    this.child = fork(CHILD, [this.builderUrl], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return this.child;
  }
}
