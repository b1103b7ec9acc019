import { readFile, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { PenguinError, readCurveFile } from '@penguin-nas/core';
import { loadConfig } from '../config/load.js';
import { displayPath } from './display-path.js';
import { type CliIO, EXIT } from './io.js';

export interface ReplayCommandOptions {
  readonly metric?: string;
  /** A predictor-only file: options, `{ predictor }`, a list of `{ name, options }` or `{ configs: [...] }`. */
  readonly config?: string;
  /** Named configurations, each `name=<JSON options>` or `<JSON options>` (repeatable). */
  readonly predictor?: readonly string[];
  readonly perCurve?: string;
  readonly json?: boolean;
  /** Also replay the baselines and the reference rule next to the predictor. */
  readonly baselines?: boolean;
  readonly seed?: number;
  /** Several replay orders, `0..4` or `0,1,2`: every figure as mean ± sd over them. */
  readonly seeds?: string;
  /** Replay only the first N curves of the seeded order (of the file's, with `inFileOrder`). */
  readonly limit?: number;
  /** Meet the curves in the file's order (as the recorded search ran them) instead of a seeded shuffle. */
  readonly inFileOrder?: boolean;
  /** One target epoch for every curve (default: each curve's last epoch). */
  readonly target?: number;
  /** Progress within each configuration on stderr (default: only when stderr is a terminal). */
  readonly progress?: boolean;
  /** Replay each chosen configuration once per δ of this list (`0.01,0.05,0.1`): its top-fraction rule's delta. */
  readonly deltas?: string;
  /** With `deltas`: the mean top-10% recall a δ must keep to be recommended (default 0.85), as typed or a number. */
  readonly recall?: number | string;
}

type Predictor = typeof import('@penguin-nas/predictor');
type Config = { name: string; options: Record<string, unknown> };

/** Bad input of this command: a one-line message and exit code 2, never a stack trace. */
class ReplayInputError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Configurations from a `--config` file's content; a full run config gives its `predictor` (its maxEpochs is not the target). */
function configsFrom(
  content: unknown,
  where: string,
  predictor: Predictor,
): { configs: Config[]; seed?: number } {
  if (Array.isArray(content)) return { configs: predictor.nameConfigs(content) as Config[] };
  if (!isObject(content))
    throw new ReplayInputError(`${where}: expected predictor options, got ${JSON.stringify(content)}`);
  if (Array.isArray(content.configs)) return { configs: predictor.nameConfigs(content.configs) as Config[] };
  if ('predictor' in content) {
    const options = content.predictor === true ? {} : content.predictor;
    if (!isObject(options))
      throw new ReplayInputError(
        `${where}: predictor: expected true or an options object, got ${JSON.stringify(options)}`,
      );
    const seed = typeof content.seed === 'number' ? { seed: content.seed } : {};
    return { configs: [{ name: 'predictor', options }], ...seed };
  }
  return { configs: [{ name: 'predictor', options: content }] };
}

async function readConfigFile(file: string, io: CliIO, predictor: Predictor) {
  const where = displayPath(resolve(io.cwd, file), io.cwd);
  if (extname(file) === '.json' || extname(file) === '') {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new ReplayInputError(`${where}: cannot read the file (${(error as Error).message})`);
    }
    try {
      return configsFrom(JSON.parse(text), where, predictor);
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new ReplayInputError(`${where}: not valid JSON (${error.message})`);
      throw error;
    }
  }
  const loaded = await loadConfig({ cwd: io.cwd, file });
  return configsFrom(loaded.config, where, predictor);
}

/** `--recall` as a number in (0, 1] (default 0.85); it means something only beside `--deltas`. */
function recallOf(options: ReplayCommandOptions): number {
  if (options.recall === undefined) return 0.85;
  if (options.deltas === undefined)
    throw new ReplayInputError('--recall: chooses among the δ of --deltas; give --deltas too');
  const text = String(options.recall).trim();
  const recall = text === '' ? Number.NaN : Number(text);
  if (!(recall > 0 && recall <= 1))
    throw new ReplayInputError(
      `--recall: expected a number in (0, 1], got ${JSON.stringify(String(options.recall))}`,
    );
  return recall;
}

/** `name=<JSON>` or `<JSON>` from `--predictor`. */
function parsePredictorFlag(text: string, index: number): Config | Record<string, unknown> {
  const named = /^([^={[]+)=(.*)$/s.exec(text);
  const json = named ? (named[2] as string) : text;
  let options: unknown;
  try {
    options = JSON.parse(json);
  } catch {
    throw new ReplayInputError(
      `--predictor #${index + 1}: expected name=<JSON options> or <JSON options>, got ${JSON.stringify(text)}`,
    );
  }
  if (!isObject(options))
    throw new ReplayInputError(`--predictor #${index + 1}: expected a JSON object of options, got ${json}`);
  return named ? { name: (named[1] as string).trim(), options } : options;
}

/** A progress line on stderr, rewritten in place at most every 200 ms. */
function progressReporter(io: CliIO): (config: string, done: number, total: number) => void {
  let shown = 0;
  return (config, done, total) => {
    const now = performance.now();
    if (done < total && now - shown < 200) return;
    shown = now;
    io.stderr.write(
      `\r${config}: ${Math.floor(done)}/${total} curves (${Math.floor((100 * done) / total)}%)${done === total ? '\n' : ''}`,
    );
  };
}

async function replay(curves: string, options: ReplayCommandOptions, io: CliIO): Promise<number> {
  // The predictor (and mathjs) load only for this command.
  const predictor = await import('@penguin-nas/predictor');
  const file = resolve(io.cwd, curves);
  const fromFile =
    options.config === undefined ? undefined : await readConfigFile(options.config, io, predictor);
  const flags = (options.predictor ?? []).map(parsePredictorFlag);
  const own = [...(fromFile?.configs ?? []), ...predictor.nameConfigs(flags)];
  const chosen: Config[] = own.length > 0 ? own : [{ name: 'predictor', options: {} }];
  const deltas = options.deltas === undefined ? undefined : predictor.parseDeltas(options.deltas);
  if (options.inFileOrder && (options.seeds !== undefined || options.seed !== undefined))
    throw new ReplayInputError(
      `--in-file-order: the file has one order, so one figure and no seed; drop ${options.seeds !== undefined ? '--seeds' : '--seed'} (or --in-file-order for seeded orders)`,
    );
  const recall = recallOf(options);
  const judged = deltas === undefined ? chosen : (predictor.sweepDeltas(chosen, deltas) as Config[]);
  const baselines = options.baselines
    ? predictor.standardConfigs().filter((c) => c.name !== 'recommended')
    : [];
  const configs = [...baselines, ...judged];
  // Every configuration is resolved once, here: a bad one fails before the curves are read.
  const createPlugin = predictor.predictorPlugins(configs);
  const seeds =
    options.seeds === undefined ? [options.seed ?? fromFile?.seed ?? 0] : predictor.parseSeeds(options.seeds);
  const started = performance.now();
  const records = await readCurveFile(file);
  const showProgress = options.progress ?? (io.stderr.isTTY === true && !options.json);
  const common = {
    file: displayPath(file, io.cwd),
    createPlugin,
    ...(options.metric === undefined ? {} : { metric: options.metric }),
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.inFileOrder ? { inFileOrder: true } : {}),
    ...(showProgress ? { onProgress: progressReporter(io) } : {}),
    onConfigDone: (config: { name: string; seconds: number }, index: number) => {
      if (!options.json)
        io.stderr.write(
          `replayed ${config.name} (${index + 1}/${configs.length}) in ${config.seconds.toFixed(1)} s\n`,
        );
    },
  };
  const result = await predictor.replaySeeds(records, configs, common, seeds);
  const reports = result.reports;
  if (options.perCurve !== undefined) {
    const rows = reports.flatMap((report) =>
      predictor.perCurveRows(report).map((row) => (seeds.length > 1 ? { seed: report.seed, ...row } : row)),
    );
    await writeFile(resolve(io.cwd, options.perCurve), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  }
  const single = reports[0];
  // With --deltas: which δ of each configuration meets --recall (in the JSON too, beside the report).
  const choices =
    deltas === undefined
      ? undefined
      : predictor.chooseDeltas(result.summary.slice(baselines.length), chosen, deltas, recall);
  if (options.json) {
    const report = seeds.length > 1 ? result : single;
    const withChoices = choices === undefined ? report : { ...report, deltaChoices: { recall, choices } };
    io.stdout.write(`${JSON.stringify(withChoices, null, 2)}\n`);
  } else {
    io.stdout.write(
      seeds.length > 1 ? predictor.formatSeedsTable(result) : predictor.formatReplayTable(single as never),
    );
    if (choices !== undefined && deltas !== undefined)
      io.stdout.write(`\n${predictor.formatDeltaChoices(choices, recall, deltas)}\n`);
    if (options.perCurve !== undefined) io.stdout.write(`\nPer-curve rows: ${options.perCurve}\n`);
    io.stdout.write(`Replay took ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
  }
  return EXIT.ok;
}

/**
 * `penguin replay <curves>`: runs the predictor over recorded curves, as a run would meet them, and prints the
 * paper's metrics (epochs saved, throughput, top-K recall, prediction error, rank correlation). Bad input (a metric
 * no curve has, a target no curve reaches, a malformed file or options) prints one line and exits with code 2.
 */
export async function replayCommand(
  curves: string,
  options: ReplayCommandOptions,
  io: CliIO,
): Promise<number> {
  try {
    return await replay(curves, options, io);
  } catch (error) {
    const input =
      error instanceof ReplayInputError ||
      error instanceof RangeError ||
      error instanceof TypeError ||
      (error instanceof PenguinError && (error.code === 'CURVE_FILE_ERROR' || error.code === 'CONFIG_ERROR'));
    if (!input) throw error;
    const message = (error as Error).message.replace(/^replay: /, '');
    const lines = message.split('\n');
    io.stderr.write(
      lines.length === 1
        ? `penguin replay: ${message}\n`
        : `penguin replay: ${lines.length} problems:\n${message}\n`,
    );
    return EXIT.usage;
  }
}
