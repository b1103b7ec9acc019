import type { CliIO } from '../../src/commands/io.js';

export interface MemoryIO extends CliIO {
  readonly out: () => string;
  readonly err: () => string;
  /** Simulates Ctrl-C. */
  interrupt(): void;
}

/** Captures a command's output in memory; `onStdout` may react to what is printed (e.g. press Ctrl-C). */
export function memoryIO(
  cwd: string,
  options: { tty?: boolean; onStdout?: (text: string, io: MemoryIO) => void } = {},
): MemoryIO {
  let out = '';
  let err = '';
  const handlers = new Set<() => void>();
  const io: MemoryIO = {
    cwd,
    stdout: {
      isTTY: options.tty === true,
      columns: 100,
      write(text: string) {
        out += text;
        options.onStdout?.(text, io);
        return true;
      },
    },
    stderr: {
      write(text: string) {
        err += text;
        return true;
      },
    },
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    out: () => out,
    err: () => err,
    interrupt() {
      for (const handler of [...handlers]) handler();
    },
  };
  return io;
}
