/**
 * The engine's calls into user code that have not settled yet (a hook tap, a searcher call, a trial, the executor),
 * by name: what a run that hangs, or that Node finds idle with nothing left to wake it, is waiting on.
 */
export class PendingCalls {
  private readonly calls = new Map<number, string>();
  private nextId = 0;

  /** Settles like `work`, listed as `label` until it does. */
  async track<T>(label: string, work: Promise<T>): Promise<T> {
    const id = this.nextId++;
    this.calls.set(id, label);
    try {
      return await work;
    } finally {
      this.calls.delete(id);
    }
  }

  /** Labels of the unsettled calls, oldest first, each once. */
  list(): string[] {
    return [...new Set(this.calls.values())];
  }
}
