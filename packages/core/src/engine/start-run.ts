import type { EngineHooks } from '../hooks.js';
import type { Plugin, RunContext } from '../run-types.js';
import type { FinishedTrial, Genome } from '../types.js';
import type { EngineOptions } from './options.js';
import type { PendingCalls } from './pending.js';
import { recallTrials, restorePluginStates } from './plugins.js';
import { loadResumeState, type ResumeState } from './resume.js';
import type { RunLog } from './run-log.js';
import type { RunState } from './run-state.js';
import { SearcherGuard } from './searcher-guard.js';

export interface StartRunContext<G extends Genome> {
  readonly options: EngineOptions<G>;
  readonly log: RunLog;
  readonly hooks: EngineHooks<G>;
  readonly plugins: readonly Plugin<G>[];
  readonly state: RunState<G>;
  readonly concurrency: number;
  readonly searcherSeconds: number;
  readonly pending: PendingCalls;
}

/**
 * Starts a run once: the journal (new, or the resumed run's), `run-started`, beforeRun, the searcher, and for a
 * resumed run its trials, searcher and plugin state.
 */
export async function startRun<G extends Genome>(run: StartRunContext<G>): Promise<void> {
  const { options, log, state } = run;
  const { dir, resume } = options;
  const seed = options.seed ?? 0;
  let resumed: ResumeState<G> | undefined;
  if (dir && resume) {
    resumed = loadResumeState<G>(dir);
    state.runId = resumed.runId;
  }
  log.start(resumed?.elapsedMs ?? 0);
  if (dir) {
    log.open(
      dir,
      Boolean(resume),
      () =>
        options.config ?? {
          seed,
          maxEpochs: options.maxEpochs,
          objectives: options.objectives,
          budget: options.budget ?? {},
        },
    );
  }
  log.write(
    {
      type: 'run-started',
      runId: state.runId,
      seed,
      resumed: Boolean(resume),
      maxEpochs: options.maxEpochs,
      objectives: options.objectives,
      ...(options.info ? { info: options.info } : {}),
    },
    true,
  );
  const context: RunContext = {
    runId: state.runId,
    seed,
    objectives: options.objectives,
    maxEpochs: options.maxEpochs,
    budget: options.budget ?? {},
    concurrency: run.concurrency,
    resumed: Boolean(resume),
    ...(dir ? { dir } : {}),
  };
  await run.hooks.beforeRun.promise(context);
  state.plugins = run.plugins;
  if (options.searcher && options.space) {
    state.searcher = SearcherGuard.create(
      options.searcher,
      { space: options.space, seed, objectives: options.objectives },
      run.searcherSeconds,
      run.pending,
    );
  }
  if (resumed) await applyResume(run, resumed);
}

/** Puts a resumed run back where its checkpoint left it, then catches up on the trials that ended after it. */
async function applyResume<G extends Genome>(
  run: StartRunContext<G>,
  resumed: ResumeState<G>,
): Promise<void> {
  const { state, log } = run;
  const { checkpoint } = resumed;
  if (resumed.rebuilt) log.write({ type: 'error', code: 'JOURNAL_ERROR', message: resumed.rebuilt });
  for (const trial of resumed.finished) state.trials.set(trial.id, trial);
  for (const trial of resumed.unfinished) state.trials.set(trial.id, trial);
  state.nextIndex = checkpoint?.nextIndex ?? 0;
  state.told.push(...(checkpoint?.told ?? []));
  if (checkpoint) {
    state.searcher?.restore(checkpoint.searcher);
    restorePluginStates(run.plugins, checkpoint.plugins, (error) => log.error(error, undefined));
    const byId = new Map(resumed.finished.map((t) => [t.id, t]));
    const told = checkpoint.told.flatMap((id) => {
      const trial = byId.get(id);
      return trial ? [trial.snapshot() as FinishedTrial<G>] : [];
    });
    recallTrials(run.plugins, told, (error) => log.error(error, undefined));
    if (run.options.keepHistory === false) for (const id of checkpoint.told) byId.get(id)?.forgetHistory();
  }
  // Trials that ended after the last checkpoint: their plugins' onTrialEnd and the searcher's tell happen now.
  const toldSet = new Set(state.told);
  for (const trial of resumed.finished) {
    if (toldSet.has(trial.id)) continue;
    try {
      await run.hooks.onTrialEnd.promise(trial.snapshot());
    } catch (error) {
      log.error(error, trial.id);
    }
    await state.tell(trial);
  }
  state.restarts = [...resumed.unfinished];
  state.writeCheckpoint();
}
