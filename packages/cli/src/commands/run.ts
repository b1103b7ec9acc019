import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { type RunConfigSnapshot, toJsonConfig } from '../config/snapshot.js';
import { RegistryLoader } from '../registry/sources.js';
import { createQueueExecutor, queueSection, redactedConfig } from '../run/queue-run.js';
import { resolveRun } from '../run/resolve.js';
import { defaultRunDirName, freshRunDir, prepareRunDir } from '../run/run-dir.js';
import { dashboardBesideRun } from './dashboard.js';
import { displayPath } from './display-path.js';
import { executeRun } from './execute.js';
import type { CliIO } from './io.js';

export interface RunCommandOptions {
  readonly config?: string;
  readonly seed?: number;
  readonly out?: string;
  readonly json?: boolean;
  /** Write the HTML report (`<dir>/report.html`) when the run ends. */
  readonly report?: boolean;
  /** Serve the live dashboard beside the run (`true`: the default port) and keep it until Ctrl-C. */
  readonly dashboard?: true | number;
  /** Train on agents through this Redis (overrides `executor.redis`). */
  readonly redis?: string;
  /** Registry loader (tests pass one with their own packages). */
  readonly loader?: RegistryLoader;
}

/** `penguin run`: load and validate the config, build the run, train it with live progress. */
export async function runCommand(options: RunCommandOptions, io: CliIO): Promise<number> {
  const loaded = await loadConfig({
    cwd: io.cwd,
    ...(options.config === undefined ? {} : { file: options.config }),
  });
  const loader = options.loader ?? new RegistryLoader();
  const run = await resolveRun(loaded, loader, options.seed === undefined ? {} : { seed: options.seed });

  const { predictor, concurrency, budget } = loaded.config;
  if (predictor !== false && budget.trials !== undefined && concurrency >= budget.trials) {
    io.stderr.write(
      `penguin: warning: ${loaded.label}: concurrency ${concurrency} >= budget.trials ${budget.trials}: every trial ` +
        'starts before any finishes, so the predictor has no finished curve to compare with and stops nothing; ' +
        'lower concurrency to let it save epochs\n',
    );
  }

  let dir: string;
  let label: string;
  if (options.out !== undefined) {
    dir = resolve(io.cwd, options.out);
    label = `--out ${options.out}`;
  } else if (loaded.config.out !== undefined) {
    dir = resolve(loaded.dir, loaded.config.out);
    label = `${loaded.label}: out`;
  } else {
    dir = freshRunDir(resolve(loaded.dir, 'runs'), defaultRunDirName());
    label = 'run directory';
  }
  prepareRunDir(dir, label);

  const queue = queueSection(loaded, options.redis);
  const { json, hasObjects } = toJsonConfig(redactedConfig(loaded.raw, queue));
  const snapshot: RunConfigSnapshot = {
    penguin: {
      version: 1,
      configFile: loaded.file,
      configDir: loaded.dir,
      config: json,
      needsConfigFile: hasObjects,
      seed: run.seed,
    },
  };
  if (!options.json) {
    io.stdout.write(
      `penguin: ${run.names.searcher} search over ${run.names.space} (${run.names.trainer} trainer), seed ${run.seed}, ` +
        `journal in ${displayPath(dir, io.cwd)}\n`,
    );
  }
  const executor =
    queue &&
    (await createQueueExecutor(loaded, queue, { dir, seed: run.seed, concurrency: run.concurrency }, (line) =>
      io.stderr.write(`penguin: ${line}\n`),
    ));
  const dashboard = await dashboardBesideRun(dir, options.dashboard, io, options.json === true);
  const code = await executeRun(
    run,
    {
      dir,
      shownDir: displayPath(dir, io.cwd),
      json: options.json === true,
      resume: false,
      config: snapshot,
      ...(executor ? { executor } : {}),
    },
    io,
  );
  if (options.report) {
    // Vega loads only when a report is asked for.
    const { writeReport } = await import('@penguin-nas/report');
    const file = await writeReport(dir);
    if (!options.json) io.stdout.write(`Report: ${displayPath(file, io.cwd)}\n`);
  }
  await dashboard?.afterRun(code);
  return code;
}
