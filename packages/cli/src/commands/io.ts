/** The outside world of a command, injectable so commands run in tests without a child process. */
export interface CliIO {
  readonly cwd: string;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Calls `handler` on Ctrl-C (SIGINT); returns a function that removes it. */
  onInterrupt(handler: () => void): () => void;
}

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

/** Exit codes of the `penguin` command. */
export const EXIT = {
  ok: 0,
  /** The run failed (a searcher error, every trial failed…). */
  failed: 1,
  /** Bad config or arguments. */
  usage: 2,
  /**
   * Waiting on a promise that can never settle (a config, hook or trainer promise holding no timer or connection):
   * where Node would exit silently with code 13.
   */
  stalled: 3,
  /** Stopped by Ctrl-C; `penguin resume` continues it. */
  interrupted: 130,
} as const;

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  };
}
