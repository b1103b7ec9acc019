/**
 * Did early termination keep the best network? Trains the stopped trials the predictor ranked highest to the end,
 * with the same genomes and training seeds as in the run, and compares what they reach with the network the run
 * ranked first. A spot check of the likeliest misses, not a proof: bench/e2e trains every trial to the end.
 */
import { loadConfig, RegistryLoader, resolveRun } from '@penguin-nas/cli';
import { type EpochLogs, foldTrials, lastValue, readJournal, type TrialSnapshot } from '@penguin-nas/core';

export interface CheckOptions {
  /** The run directory written by `penguin run`. */
  readonly dir: string;
  /** The config file the run used (default: the one `penguin run` finds in `cwd`). */
  readonly config?: string;
  readonly cwd: string;
  /** How many stopped trials to train to the end. */
  readonly count: number;
  readonly print: (line: string) => void;
}

const fmt = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2));

/** Prints the check line by line; resolves to whether the best network was kept. */
export async function checkBestKept(options: CheckOptions): Promise<boolean> {
  const { print } = options;
  const loaded = await loadConfig({ cwd: options.cwd, ...(options.config ? { file: options.config } : {}) });
  const run = await resolveRun(loaded, new RegistryLoader());
  const objective = run.objectives.find((o) => o.from !== 'static') ?? run.objectives[0];
  if (!objective) throw new Error('check-best: expected at least one objective in the config');
  const metric = objective.metric ?? objective.name;
  const sign = objective.direction === 'maximize' ? 1 : -1;
  const value = (t: TrialSnapshot) => t.fitness?.[objective.name]?.value;
  const trials = [...foldTrials(readJournal(options.dir).events).trials.values()]
    .map((t) => t.snapshot())
    .filter((t) => (t.status === 'completed' || t.status === 'stopped') && value(t) !== undefined)
    .sort((a, b) => sign * ((value(b) as number) - (value(a) as number)));
  const best = trials[0];
  if (!best) {
    print('Best network kept: no trial finished, nothing to check.');
    return false;
  }
  const candidates = trials.filter((t) => t.status === 'stopped').slice(0, options.count);
  if (candidates.length === 0) {
    print(`Best network kept: ${best.id} (${metric} ${fmt(value(best))}); no trial was stopped early.`);
    return true;
  }
  print(
    `Checking that the best network was kept: training the ${candidates.length} stopped trial(s) ranked highest ` +
      `by the ${metric} reported for them to the end (same genomes and seeds)…`,
  );
  await run.trainer.prepare?.();
  const truth = new Map<string, number>();
  let drift = 0;
  for (const trial of candidates) {
    const curve: EpochLogs[] = [];
    const signal = new AbortController().signal;
    const handle = {
      id: trial.id,
      genome: trial.genome,
      seed: trial.seed,
      maxEpochs: trial.maxEpochs,
      signal,
    };
    await run.trainer.train(handle, async (logs) => {
      curve.push(logs);
      return 'continue';
    });
    trial.curve.forEach((logs, i) => {
      drift = Math.max(drift, Math.abs((logs[metric] ?? 0) - (curve[i]?.[metric] ?? Number.NaN)));
    });
    const reached = lastValue(curve, metric);
    if (reached !== undefined) truth.set(trial.id, reached);
    print(
      `  ${trial.id}: stopped at epoch ${fmt(trial.cost.epochs)} with ${fmt(value(trial))} reported ` +
        `(${trial.fitness?.[objective.name]?.source}), reaches ${fmt(reached)}`,
    );
  }
  await run.trainer.dispose?.();
  const trueValue = (t: TrialSnapshot) => (t.status === 'stopped' ? truth.get(t.id) : value(t));
  const bestTrue = trueValue(best);
  const rival = [...truth.entries()]
    .filter(([id]) => id !== best.id)
    .sort(([, a], [, b]) => sign * (b - a))[0];
  const kept = bestTrue !== undefined && (!rival || sign * (bestTrue - rival[1]) >= 0);
  const sameCurves = Number.isNaN(drift)
    ? 'the retrained curves are shorter than the journalled ones'
    : `the retrained curves match the journalled ones to within ${fmt(drift)} points`;
  print(
    kept
      ? `Best network kept: ${best.id} (${metric} ${fmt(bestTrue)}, trained to the end) beats every checked stopped trial ` +
          `(the highest reaches ${fmt(rival?.[1])}); ${sameCurves}.`
      : `Best network NOT kept: ${rival?.[0]} reaches ${fmt(rival?.[1])} when trained to the end, above ${best.id} ` +
          `(${fmt(bestTrue)}); ${sameCurves}.`,
  );
  return kept;
}
