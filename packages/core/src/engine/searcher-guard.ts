import { describeCause, SearcherError } from '../errors.js';
import { stringifyJson } from '../journal/json.js';
import { createRng } from '../rng.js';
import type {
  FinishedTrial,
  Fitness,
  Genome,
  ObjectiveSpec,
  Searcher,
  SearcherFactory,
  SearchSpace,
} from '../types.js';
import type { PendingCalls } from './pending.js';
import { TimeLimitExceeded, withinTime } from './time-limit.js';

/**
 * The searcher behind a guard: every call is checked (shape of what `ask` returns, genomes that fit the space) and
 * limited in time, and any failure becomes a SearcherError naming the searcher and the call.
 */
export class SearcherGuard<G extends Genome = Genome> {
  private constructor(
    readonly searcher: Searcher<G>,
    private readonly limitSeconds: number,
    private readonly pending: PendingCalls | undefined,
  ) {}

  /** Creates the searcher from a factory (or takes the object) and checks it has `ask` and `tell`. */
  static create<G extends Genome>(
    option: SearcherFactory<G> | Searcher<G>,
    context: { space: SearchSpace<G>; seed: number; objectives: readonly ObjectiveSpec[] },
    limitSeconds: number,
    pending?: PendingCalls,
  ): SearcherGuard<G> {
    let searcher: Searcher<G> | undefined;
    if (typeof option === 'function') {
      const rng = createRng(context.seed).fork('searcher');
      try {
        searcher = option({ space: context.space, rng, objectives: context.objectives });
      } catch (error) {
        throw new SearcherError(option.name || 'factory', 'create', error);
      }
    } else {
      searcher = option;
    }
    if (!searcher || typeof searcher.ask !== 'function' || typeof searcher.tell !== 'function') {
      throw new SearcherError(
        String((searcher as { name?: unknown } | undefined)?.name ?? 'unknown'),
        'create',
        'expected an object with ask(n) and tell(trial, fitness)',
      );
    }
    return new SearcherGuard(searcher, limitSeconds, pending);
  }

  get name(): string {
    return this.searcher.name;
  }

  /** Up to `n` genomes, each a plain object the space can place. */
  async ask(n: number, space: SearchSpace<G>): Promise<G[]> {
    const method = `ask(${n})`;
    const genomes = await this.call(method, () => this.searcher.ask(n));
    if (!Array.isArray(genomes)) {
      throw this.error(
        method,
        `expected an array of genomes (empty when exhausted), got ${JSON.stringify(genomes)}`,
      );
    }
    for (const [i, g] of genomes.entries()) {
      if (typeof g !== 'object' || g === null || Array.isArray(g))
        throw this.error(method, `genome ${i}: expected a plain object, got ${JSON.stringify(g)}`);
      try {
        stringifyJson(g);
      } catch (error) {
        throw this.error(
          method,
          `genome ${i}: expected plain JSON (the journal keeps every genome), got a value JSON cannot keep: ${describeCause(error)}`,
        );
      }
      try {
        space.repair(g as G);
      } catch (error) {
        throw this.error(
          method,
          `genome ${i} cannot be placed in space ${space.name}: ${describeCause(error)}`,
        );
      }
    }
    return (genomes as G[]).slice(0, n);
  }

  async tell(trial: FinishedTrial<G>, fitness: Fitness): Promise<void> {
    await this.call(`tell(${trial.id})`, () => this.searcher.tell(trial, fitness));
  }

  state(): unknown {
    return this.searcher.state?.();
  }

  get saves(): boolean {
    return typeof this.searcher.state === 'function';
  }

  restore(state: unknown): void {
    if (state !== undefined) this.searcher.restore?.(state);
  }

  private async call<T>(method: string, fn: () => T | Promise<T>): Promise<T> {
    try {
      const result = fn();
      // A synchronous answer needs no timer.
      if (!isThenable(result)) return result;
      const settled = withinTime(Promise.resolve(result), this.limitSeconds);
      return await (this.pending?.track(`searcher ${this.name}: ${method}`, settled) ?? settled);
    } catch (error) {
      if (error instanceof TimeLimitExceeded) {
        throw this.error(
          method,
          `no answer after ${error.seconds} s (timeLimits.searcherSeconds); a searcher call must settle`,
        );
      }
      throw this.error(method, error);
    }
  }

  private error(method: string, detail: unknown): SearcherError {
    return new SearcherError(this.searcher.name, method, detail);
  }
}

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
