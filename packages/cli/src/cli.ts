import { readFileSync } from 'node:fs';
import { PenguinError } from '@penguin-nas/core';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { type AgentCommandOptions, agentCommand } from './commands/agent.js';
import { type DashboardCommandOptions, dashboardCommand } from './commands/dashboard.js';
import { type CliIO, EXIT, processIO } from './commands/io.js';
import { type ReplayCommandOptions, replayCommand } from './commands/replay.js';
import { reportCommand } from './commands/report.js';
import { resumeCommand } from './commands/resume.js';
import { runCommand } from './commands/run.js';
import { ConfigError, clip } from './config/config-error.js';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function integer(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n))
    throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  if (!Number.isSafeInteger(n))
    throw new InvalidArgumentError(
      `expected an integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, got "${value}"`,
    );
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

/** The `penguin` program; `run` is the action's exit code holder. */
function program(io: CliIO, exit: { code: number }): Command {
  const cli = new Command('penguin')
    .description('Early termination for any neural-architecture search through learning-curve prediction')
    .version(version())
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showSuggestionAfterError(true);

  cli
    .command('run')
    .description('run the search described by the config (found by cosmiconfig, or --config)')
    .option(
      '-c, --config <file>',
      'config file (default: search penguin.config.*, .penguinrc*, package.json#penguin)',
    )
    .option('--seed <n>', 'seed of the run (overrides the config)', integer)
    .option('-o, --out <dir>', 'run directory for the journal (overrides the config)')
    .option('--json', 'print the machine-readable summary only')
    .option('--report', 'write the HTML report (<dir>/report.html) when the run ends')
    .option(
      '--dashboard [port]',
      'serve the live dashboard of the run on 127.0.0.1 (default port 8765)',
      integer,
    )
    .option('--redis <url>', 'train on `penguin agent`s through this Redis (executor: queue)')
    .action(
      async (options: {
        config?: string;
        seed?: number;
        out?: string;
        json?: boolean;
        report?: boolean;
        dashboard?: true | number;
        redis?: string;
      }) => {
        exit.code = await runCommand(options, io);
      },
    );

  cli
    .command('resume')
    .description(
      'continue a stopped run from its journal; finished trials are kept, unfinished ones retrained',
    )
    .argument('<dir>', 'run directory written by penguin run')
    .option('--json', 'print the machine-readable summary only')
    .option('--redis <url>', 'the Redis of a distributed run (its password is not kept in config.json)')
    .action(async (dir: string, options: { json?: boolean; redis?: string }) => {
      exit.code = await resumeCommand(dir, options, io);
    });

  cli
    .command('agent')
    .description('train trials of distributed runs: take trial jobs from Redis until Ctrl-C')
    .requiredOption('--redis <url>', 'redis://[user:password@]host:port[/db], or rediss:// for TLS')
    .option('--queue <name>', 'BullMQ queue to serve (default: penguin)')
    .option('--concurrency <n>', 'trials trained at once, one process each (default: 1)', positive)
    .option('--backend <name>', 'TensorFlow.js backend for the tfjs trainer')
    .option('--lock-duration <ms>', 'job lock: a trial whose agent goes silent this long moves on', positive)
    .option('--stalled-interval <ms>', 'how often to look for trials of silent agents', positive)
    .option('--max-stalled <n>', 'handovers of one trial before it fails', positive)
    .action(async (options: AgentCommandOptions) => {
      exit.code = await agentCommand(options, io);
    });

  cli
    .command('replay')
    .description('run the predictor over recorded learning curves and print epochs saved, recall and errors')
    .argument('<curves>', 'curve file (JSON Lines: { id, epochs, <metric>: [...] })')
    .option('-m, --metric <name>', 'metric to predict (default: val_acc when present)')
    .option(
      '-c, --config <file>',
      'predictor options file: options, { predictor, seed }, or a list of { name, options } (maxEpochs is not the target)',
    )
    .option(
      '-p, --predictor <name=json>',
      'a named predictor configuration, name={"rule":{"kind":"asha"}} (repeatable; each is a column)',
      (value: string, list: string[] = []) => [...list, value],
    )
    .option(
      '--baselines',
      'also replay no termination, patience, median, percentile, ASHA, Hyperband, truncation and the reference rule',
    )
    .option(
      '--target <epoch>',
      "one target epoch for every curve (default: each curve's last epoch)",
      positive,
    )
    .option('--limit <n>', 'replay only the first n curves of the order', positive)
    .option(
      '--in-file-order',
      "meet the curves in the file's order (as the recorded search ran them) instead of a seeded shuffle; no --seed",
    )
    .option('--seed <n>', 'seed of the replay order', integer)
    .option('--seeds <list>', 'several replay orders (0..4 or 0,1,2): every figure as mean ± sd')
    .option(
      '--deltas <list>',
      "replay each configuration (the default when none is given) once per δ, its top-fraction rule's delta (0.01,0.05,0.1), and name the δ saving the most epochs while keeping --recall of the top 10%",
    )
    .option('--recall <r>', 'with --deltas: the mean top-10% recall a δ must keep (default 0.85)')
    .option('--progress', 'show progress within each configuration on stderr (default: on a terminal)')
    .option('--per-curve <file>', 'also write one JSON line per curve and configuration')
    .option('--json', 'print the machine-readable report only')
    .action(async (curves: string, options: ReplayCommandOptions) => {
      exit.code = await replayCommand(curves, options, io);
    });

  cli
    .command('report')
    .description(
      'write a self-contained HTML report of a run (curves, predictions, stop points, savings, Pareto front)',
    )
    .argument('<dir>', 'run directory (finished, interrupted or still running)')
    .option('-o, --out <file>', 'HTML file to write (default: <dir>/report.html)')
    .action(async (dir: string, options: { out?: string }) => {
      exit.code = await reportCommand(dir, options, io);
    });

  cli
    .command('dashboard')
    .description('serve the live dashboard of a run or a folder of runs (curves, predictions, stops, trials)')
    .argument('<dir>', 'run directory, or a folder of run directories')
    .option('-p, --port <n>', 'port (default 8765, or any free one when it is taken)', integer)
    .option('--host <address>', 'address to listen on (default 127.0.0.1; any other needs --token)')
    .option('--token <secret>', 'secret of 16 characters or more that every request must carry')
    .action(async (dir: string, options: DashboardCommandOptions) => {
      exit.code = await dashboardCommand(dir, options, io);
    });
  return cli;
}

/** Runs the `penguin` command line (`argv` without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const exit = { code: EXIT.ok as number };
  try {
    await program(io, exit).parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander printed its message already; --help and --version exit with 0
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof PenguinError) {
      // A config error counts its issues; one issue may span lines (a YAML error shows the source around it).
      const count = error instanceof ConfigError ? error.issues.length : 1;
      io.stderr.write(
        count === 1 ? `penguin: ${error.message}\n` : `penguin: ${count} problems:\n${error.message}\n`,
      );
      return error.code === 'CONFIG_ERROR' ? EXIT.usage : EXIT.failed;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`penguin: unexpected error: ${clip(message, 4000)}\n`);
    return EXIT.failed;
  }
}
