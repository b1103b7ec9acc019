/**
 * The training benchmark in one run: for each reference model, PyTorch CPU, stock tfjs cpu, Penguin's
 * cpu and wasm kernels and a pool of wasm workers, each in a fresh process; prints a Markdown table.
 *   node --conditions=source --import tsx bench/train/run-all.ts [--seconds 5] [--workers 2] [--skip-stock]
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MODELS, type ModelName } from './models.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    workers: { type: 'string', default: String(availableParallelism()) },
    models: { type: 'string', default: 'mlp,cnn28,cnn32' },
    threads: { type: 'string', default: String(availableParallelism()) },
    'skip-stock': { type: 'boolean', default: false },
    python: { type: 'string', default: 'python3' },
  },
});

interface Row {
  engine: string;
  model: string;
  samplesPerSecond?: number;
  samplesPerCpuSecond?: number;
  peakRssMb?: number;
  perWorker?: number[];
  error?: string;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const node = (script: string, args: string[]) =>
  [process.execPath, ['--conditions=source', '--import', 'tsx', here(script), ...args]] as const;

function runJsonLines(command: string, args: readonly string[], timeoutMs: number): Row[] {
  try {
    const out = execFileSync(command, args, {
      encoding: 'utf8',
      timeout: timeoutMs,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Row);
  } catch (error) {
    return [
      {
        engine: `${command} ${args.join(' ')}`,
        model: '?',
        error: (error as Error).message.split('\n')[0] ?? '',
      },
    ];
  }
}

const seconds = values.seconds;
const models = values.models.split(',') as ModelName[];
const tfjsEngines = values['skip-stock'] ? ['cpu', 'wasm'] : ['stock-cpu', 'cpu', 'wasm'];
const rows: Row[] = [];
const loadBefore = loadavg()[0];
for (const model of models) {
  for (const threads of new Set(['1', values.threads])) {
    const torch = runJsonLines(
      values.python,
      [here('torch_bench.py'), '--threads', threads, '--seconds', seconds, '--models', model],
      600_000,
    );
    rows.push(...torch);
  }
  for (const engine of tfjsEngines) {
    const [cmd, args] = node('tfjs-bench.ts', ['--engine', engine, '--model', model, '--seconds', seconds]);
    rows.push(...runJsonLines(cmd, args, 600_000));
  }
  const [cmd, args] = node('pool-bench.ts', [
    '--workers',
    values.workers,
    '--engine',
    'wasm',
    '--model',
    model,
    '--seconds',
    seconds,
  ]);
  rows.push(...runJsonLines(cmd, args, 600_000));
}

const fmt = (n: number | undefined) =>
  n === undefined ? '–' : n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
console.log(
  `load average before: ${loadBefore?.toFixed(2)}, after: ${loadavg()[0]?.toFixed(2)} (${availableParallelism()} cores)\n`,
);
console.log(
  '| model | engine | samples/s | vs PyTorch (same threads) | samples per CPU-second | vs PyTorch 1 thread, per CPU-second | peak RSS (MiB) |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
const percent = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b ? `${((100 * a) / b).toFixed(1)}%` : '–';
for (const model of models) {
  const ofModel = rows.filter((r) => r.model === model);
  const torchAll = ofModel.find((r) => r.engine === `pytorch-${values.threads}t`);
  const torchOne = ofModel.find((r) => r.engine === 'pytorch-1t');
  for (const row of ofModel) {
    // a single tfjs process uses one core: compare it with PyTorch on one thread; the pool with all threads
    const sameThreads =
      row.engine.startsWith('pool') || row.engine === torchAll?.engine ? torchAll : torchOne;
    const engine = row.perWorker ? `${row.engine} (per worker ${row.perWorker.join(' / ')})` : row.engine;
    const result = row.error ? `fails: ${row.error}` : fmt(row.samplesPerSecond);
    console.log(
      `| ${MODELS[model]?.label ?? model} | ${engine} | ${result} | ${percent(row.samplesPerSecond, sameThreads?.samplesPerSecond)} | ${fmt(row.samplesPerCpuSecond)} | ${percent(row.samplesPerCpuSecond, torchOne?.samplesPerCpuSecond)} | ${fmt(row.peakRssMb)} |`,
    );
  }
}
