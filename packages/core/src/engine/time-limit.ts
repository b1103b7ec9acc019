/** Time limits of the engine's calls into user code, in seconds (generous by default: they catch hangs). */
export interface TimeLimits {
  /** One trial, from launch to result (default 86 400: a day). */
  readonly trialSeconds?: number;
  /** One `searcher.ask` or `searcher.tell` (default 600). */
  readonly searcherSeconds?: number;
  /** How long a cancelled run waits for its trials to stop before ending without them (default 10). */
  readonly cancelSeconds?: number;
}

export const DEFAULT_TIME_LIMITS: Required<TimeLimits> = Object.freeze({
  trialSeconds: 86_400,
  searcherSeconds: 600,
  cancelSeconds: 10,
});

/** Thrown by `withinTime` when the limit passes first. */
export class TimeLimitExceeded extends Error {
  constructor(readonly seconds: number) {
    super(`no answer after ${seconds} s`);
    this.name = 'TimeLimitExceeded';
  }
}

/**
 * Settles like `promise`, or rejects with `TimeLimitExceeded` after `seconds`; the promise itself is left to settle
 * on its own. The timer keeps the process alive on purpose: a call that never settles must still end.
 */
export function withinTime<T>(promise: Promise<T>, seconds: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitExceeded(seconds)), Math.min(seconds * 1000, 2 ** 31 - 1));
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Passes `seconds` (and one more) after `cancelled` resolves; `clear` stops the clock once the run has ended. */
export function cancelDeadline(
  cancelled: Promise<void>,
  seconds: number,
): { readonly passed: Promise<void>; clear(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;
  const passed = new Promise<void>((resolve) => {
    cancelled.then(() => {
      if (!ended) timer = setTimeout(resolve, Math.min((seconds + 1) * 1000, 2 ** 31 - 1));
    });
  });
  return {
    passed,
    clear: () => {
      ended = true;
      clearTimeout(timer);
    },
  };
}
