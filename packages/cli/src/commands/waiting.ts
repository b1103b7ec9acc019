import { PendingCalls } from '@penguin-nas/core';

/** A running engine as the command sees it: what it waits on, and how to end its journal at once. */
export interface WatchedRun {
  waitingOn(): string[];
  abandon(): void;
}

const calls = new PendingCalls();
const runs = new Set<WatchedRun>();

/**
 * What the `penguin` command is waiting on now: the calls into user code it tracks itself (loading the config,
 * creating the space, trainer, searcher and plugins) and those of the runs it watches. `bin.ts` names them when
 * Node finds nothing left that could settle them, instead of exiting silently with code 13.
 */
export const waiting = {
  /** Settles like `work`, named `label` until it does. */
  track<T>(label: string, work: Promise<T>): Promise<T> {
    return calls.track(label, work);
  },
  /** Watches `run` until the returned function is called. */
  watch(run: WatchedRun): () => void {
    runs.add(run);
    return () => runs.delete(run);
  },
  list(): string[] {
    return [...calls.list(), ...[...runs].flatMap((run) => run.waitingOn())];
  },
  /** Ends the journal of every watched run (the process is about to exit). */
  abandonRuns(): void {
    for (const run of runs) run.abandon();
  },
};

/** The message for a command that waits on promises nothing can settle any more (Node's silent exit 13). */
export function stalledMessage(pending: readonly string[]): string {
  const what = pending.length > 0 ? pending.join(', ') : 'a promise of the config or a plugin';
  return (
    `penguin: stopped: waiting on ${what}, which can never settle (a promise that is never resolved and holds no ` +
    'timer, connection or process that could resolve it); finished trials are in the journal\n'
  );
}
