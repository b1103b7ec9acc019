import type { Genome, ObjectiveSpec, PluginHost, PluginObject } from '@penguin-nas/core';
import { epochLogLine, finishedLine, headerLine, runningLine } from './render.js';
import { ProgressState } from './state.js';

export const PROGRESS_PLUGIN = 'penguin-progress';

/** Where progress goes: a terminal (redrawn in place) or a log (plain lines). */
export interface ProgressOutput {
  write(text: string): void;
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

export interface ProgressOptions {
  readonly output: ProgressOutput;
  readonly objectives: readonly ObjectiveSpec[];
  /** Milliseconds, monotonic (injectable for tests). */
  readonly now?: () => number;
  /** Redraw the live block at most this often on a terminal (default 100 ms). */
  readonly redrawMs?: number;
  /** In plain mode, log a running trial's epoch at most this often (default 10 s). */
  readonly logEveryMs?: number;
}

export interface ProgressPlugin extends PluginObject<Genome> {
  /** Clears the live block (before the final summary is printed). */
  finish(): void;
  readonly progress: ProgressState;
}

const CLEAR_BLOCK = (lines: number) => (lines > 0 ? `\x1b[${lines}A\x1b[0J` : '\x1b[0J');

/**
 * Live progress of a run: trials done of the budget, each running trial with its epoch, latest metric and
 * prediction, epochs trained and saved so far. On a terminal the block is redrawn in place; otherwise (CI logs)
 * one plain line per finished trial, and now and then one per running trial. Never throws into the run.
 */
export function progressPlugin(options: ProgressOptions): ProgressPlugin {
  const { output } = options;
  const now = options.now ?? (() => performance.now());
  const tty = output.isTTY === true;
  const redrawMs = options.redrawMs ?? 100;
  const logEveryMs = options.logEveryMs ?? 10_000;
  const progress = ProgressState.forObjectives(options.objectives);
  const startedAt = now();
  let drawn = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  const lastLogged = new Map<string, number>();

  const fit = (line: string): string => {
    const width = output.columns ?? 0;
    return width > 10 && line.length > width ? `${line.slice(0, width - 1)}…` : line;
  };
  const block = (): string[] => {
    const running = [...progress.running.values()].sort((a, b) => a.index - b.index);
    // Keep the block shorter than the terminal, or moving the cursor back up cannot reach its first line.
    const room = Math.max(1, Math.min(running.length, (output.rows ?? 24) - 3));
    const shown = running.length > room ? running.slice(0, room - 1) : running;
    const lines = [
      fit(headerLine(progress, now() - startedAt)),
      ...shown.map((t) => fit(runningLine(t, progress))),
    ];
    if (shown.length < running.length) lines.push(`  … and ${running.length - shown.length} more running`);
    return lines;
  };
  const draw = (force: boolean, permanent?: string): void => {
    const t = now();
    if (!force && permanent === undefined && t - lastDraw < redrawMs) return;
    lastDraw = t;
    const lines = block();
    output.write(
      `${CLEAR_BLOCK(drawn)}${permanent === undefined ? '' : `${fit(permanent)}\n`}${lines.join('\n')}\n`,
    );
    drawn = lines.length;
  };
  const safely = (action: () => void): void => {
    try {
      action();
    } catch {
      // progress output must never fail a trial
    }
  };

  return {
    name: PROGRESS_PLUGIN,
    progress,
    apply(host: PluginHost<Genome>) {
      host.hooks.beforeRun.tap(PROGRESS_PLUGIN, (context) =>
        safely(() => {
          progress.begin(context);
          if (!tty && context.resumed) output.write(`resuming ${context.dir ?? 'run'}\n`);
          if (tty) draw(true);
        }),
      );
      host.hooks.onTrialStart.tap(PROGRESS_PLUGIN, (trial) =>
        safely(() => {
          progress.start(trial);
          if (tty) draw(false);
        }),
      );
      host.hooks.onEpochEnd.tap(PROGRESS_PLUGIN, (trial, logs) =>
        safely(() => progress.epoch(trial, logs as unknown as Record<string, number | null>)),
      );
      host.hooks.shouldTerminate.tap(PROGRESS_PLUGIN, (trial) => {
        // Runs after every onEpochEnd tap, so the predictor's prediction for this epoch is recorded by now.
        safely(() => {
          progress.refreshPrediction(trial);
          if (tty) draw(false);
          else {
            const t = now();
            const running = progress.running.get(trial.id);
            const last = lastLogged.get(trial.id) ?? startedAt;
            if (running && t - last >= logEveryMs) {
              lastLogged.set(trial.id, t);
              output.write(`${epochLogLine(running, progress)}\n`);
            }
          }
        });
        return undefined;
      });
      host.hooks.onTrialEnd.tap(PROGRESS_PLUGIN, (trial) =>
        safely(() => {
          const line = finishedLine(progress.end(trial), progress);
          lastLogged.delete(trial.id);
          if (tty) draw(true, line);
          else output.write(`${line}\n`);
        }),
      );
    },
    finish() {
      if (tty && drawn > 0) output.write(CLEAR_BLOCK(drawn));
      drawn = 0;
    },
  };
}
