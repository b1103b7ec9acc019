import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PenguinError, readCurveFile } from '@penguin-nas/core';
import { loadConfig } from '../config/load.js';
import { displayPath } from './display-path.js';
import { type CliIO, EXIT } from './io.js';

export interface ReplayCommandOptions {
  readonly metric?: string;
  readonly config?: string;
  readonly perCurve?: string;
  readonly json?: boolean;
  /** Also replay the baselines and the reference rule next to the predictor. */
  readonly baselines?: boolean;
  readonly seed?: number;
  /** Replay only the first N curves of the seeded order. */
  readonly limit?: number;
  /** One target epoch for every curve (default: the config's maxEpochs, else each curve's last epoch). */
  readonly target?: number;
}

/**
 * `penguin replay <curves>`: runs the predictor over recorded curves, as a run would meet them, and prints the
 * paper's metrics (epochs saved, throughput, top-K recall, prediction error, rank correlation).
 */
export async function replayCommand(
  curves: string,
  options: ReplayCommandOptions,
  io: CliIO,
): Promise<number> {
  // The predictor (and mathjs) load only for this command.
  const predictor = await import('@penguin-nas/predictor');
  const file = resolve(io.cwd, curves);
  let predictorOptions: Record<string, unknown> = {};
  let target = options.target;
  let seed = options.seed;
  if (options.config !== undefined) {
    const loaded = await loadConfig({ cwd: io.cwd, file: options.config });
    if (typeof loaded.config.predictor === 'object') predictorOptions = loaded.config.predictor;
    target ??= loaded.config.maxEpochs;
    seed ??= loaded.config.seed;
  }
  const configs = options.baselines
    ? [
        ...predictor.standardConfigs().filter((c) => c.name !== 'recommended'),
        { name: 'predictor', options: predictorOptions },
      ]
    : [{ name: 'predictor', options: predictorOptions }];
  const started = performance.now();
  const records = await readCurveFile(file);
  const report = await predictor.replayCurves(records, configs, {
    file: displayPath(file, io.cwd),
    createPlugin: (pluginOptions) => predictor.predictorPlugin(pluginOptions),
    ...(options.metric === undefined ? {} : { metric: options.metric }),
    ...(seed === undefined ? {} : { seed }),
    ...(target === undefined ? {} : { target }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    onConfigDone: (config, index) => {
      if (!options.json)
        io.stderr.write(
          `replayed ${config.name} (${index + 1}/${configs.length}) in ${config.seconds.toFixed(1)} s\n`,
        );
    },
  });
  if (options.perCurve !== undefined)
    await writeFile(resolve(io.cwd, options.perCurve), predictor.perCurveJsonl(report));
  if (report.curves === 0) {
    throw new PenguinError(
      'CURVE_FILE_ERROR',
      `${displayPath(file, io.cwd)}: expected curves reaching the target epoch${target === undefined ? '' : ` ${target}`}, found none (${report.skipped.length} skipped)`,
    );
  }
  if (options.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    io.stdout.write(predictor.formatReplayTable(report));
    if (options.perCurve !== undefined) io.stdout.write(`\nPer-curve rows: ${options.perCurve}\n`);
    io.stdout.write(`Replay took ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
  }
  return EXIT.ok;
}
