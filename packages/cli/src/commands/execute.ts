import { Engine, type Executor, type Genome, type RunSummary, readJournal } from '@penguin-nas/core';
import { progressPlugin } from '../progress/progress-plugin.js';
import { predictorAudit } from '../run/audit.js';
import type { ResolvedRun } from '../run/resolve.js';
import { runWarnings } from '../run/run-warnings.js';
import { formatSummary, summaryJson } from '../run/summary.js';
import { type CliIO, EXIT } from './io.js';
import { waiting } from './waiting.js';

export interface ExecuteOptions {
  /** Absolute run directory. */
  readonly dir: string;
  /** How messages show it (relative to the working directory). */
  readonly shownDir: string;
  readonly json: boolean;
  readonly resume: boolean;
  /** Written to the run's config.json (new runs only). */
  readonly config?: unknown;
  /** Where trials train (default: in this process). */
  readonly executor?: Executor<Genome>;
}

/**
 * Runs the engine with live progress, handles Ctrl-C (first: stop cleanly, within the engine's cancelSeconds;
 * second: end the journal and quit now), and prints the summary. Returns the exit code.
 */
export async function executeRun(run: ResolvedRun, options: ExecuteOptions, io: CliIO): Promise<number> {
  const progress = options.json
    ? undefined
    : progressPlugin({ output: io.stdout, objectives: run.objectives });
  const engine = new Engine<Genome>({
    space: run.space,
    searcher: run.searcher,
    trainer: run.trainer,
    objectives: run.objectives,
    maxEpochs: run.maxEpochs,
    budget: run.budget,
    plugins: [
      ...run.plugins,
      progress,
      runWarnings(run.objectives, (line) => io.stderr.write(`penguin: warning: ${line}\n`)),
    ],
    concurrency: run.concurrency,
    timeLimits: run.timeLimits,
    ...(options.executor === undefined ? {} : { executor: options.executor }),
    seed: run.seed,
    dir: options.dir,
    resume: options.resume,
    ...(options.config === undefined ? {} : { config: options.config }),
    info: { searcher: run.names.searcher, space: run.names.space, trainer: run.names.trainer },
  });

  const unwatch = waiting.watch(engine);
  let interrupts = 0;
  const removeHandler = io.onInterrupt(() => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr.write(
        '\nStopping: waiting for running trials to end cleanly (Ctrl-C again to quit at once)…\n',
      );
      engine.cancel();
    } else {
      io.stderr.write('\nQuitting without waiting for running trials…\n');
      engine.abandon();
    }
  });

  let summary: RunSummary<Genome>;
  try {
    summary = await engine.run();
  } catch (error) {
    progress?.finish();
    // Close the journal so it ends with a run-ended line; every finished trial stays in it.
    await engine.close().catch(() => undefined);
    removeHandler();
    unwatch();
    throw error;
  }
  removeHandler();
  progress?.finish();
  const abandoned = engine.waitingOn();
  // What is still pending stays watched: bin.ts then exits without waiting for it.
  if (abandoned.length === 0) unwatch();
  else io.stderr.write(`penguin: the run ended without waiting for: ${abandoned.join(', ')}\n`);

  const json = summaryJson(summary, options.shownDir, predictorAudit(run.plugins));
  if (options.json) io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else io.stdout.write(`${formatSummary(json)}\n`);

  if (summary.reason === 'cancelled') {
    io.stderr.write(`Stopped. The journal is complete; continue with: penguin resume ${options.shownDir}\n`);
    return EXIT.interrupted;
  }
  if (json.trials.total > 0 && json.trials.failed === json.trials.total) {
    io.stderr.write(`penguin: every trial failed; first error: ${json.failures[0]?.error ?? 'unknown'}\n`);
    return EXIT.failed;
  }
  const afterRunErrors = afterRunFailures(options.dir);
  for (const message of afterRunErrors) io.stderr.write(`penguin: ${message}\n`);
  return afterRunErrors.length > 0 ? EXIT.failed : EXIT.ok;
}

/** The failures of afterRun taps this session journalled (a report or an upload that failed after the trials). */
function afterRunFailures(dir: string): string[] {
  try {
    const events = readJournal(dir).events;
    const session = events.findLastIndex((e) => e.type === 'run-started');
    return events
      .slice(Math.max(session, 0))
      .flatMap((e) => (e.type === 'error' && e.hook === 'afterRun' ? [e.message] : []));
  } catch {
    // An unreadable journal is reported by report and resume; the run itself ended.
    return [];
  }
}
