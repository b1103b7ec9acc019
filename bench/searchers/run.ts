/**
 * Searchers with and without the predictor on the tabular NAS-Bench-201 curves (replay trainer).
 * For each searcher and seed: the best true final val_acc found against epochs spent, the trials that fit in
 * the same epoch budget, and (NSGA-II) the front of val_acc against a static proxy of conv parameters.
 *
 *   node --conditions=source --import tsx bench/searchers/run.ts [--seeds 10] [--budget 3000] [--modes off,paper,default]
 *     [--only random,nsga2,regularized-evolution,reinforce] [--out results.json]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type CurveRecord,
  Engine,
  type Genome,
  type ObjectiveSpec,
  type Plugin,
  readCurveFile,
  replayTrainer,
  type SearcherFactory,
  type TrialSnapshot,
  tabularSpace,
} from '@penguin-nas/core';
import { nsga2, regularizedEvolution } from '@penguin-nas/search-evolutionary';
import { randomSearcher } from '@penguin-nas/search-random';
import { type ReinforceSearcher, reinforce } from '@penguin-nas/search-rl';

/** ../shared/data/curves beside the checkout (read by path, never copied). */
const SHARED_CURVES = fileURLToPath(new URL('../../../shared/data/curves/', import.meta.url));

const CURVES = `${SHARED_CURVES}nb201-cifar10-valid.jsonl`;
const MAX_EPOCHS = 200;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const SEEDS = arg('seeds', 10);
const BUDGET = arg('budget', 3000);
const OUT = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
/**
 * Predictor configurations by mode name: `off` (no plugin), `paper` (PEng4NN's convergence rule: the last 3
 * predictions within 0.5 points), `default` (the predictor package's recommended defaults).
 */
const PREDICTOR_MODES: Record<string, Record<string, unknown> | undefined> = {
  off: undefined,
  paper: { metric: 'val_acc', rule: { kind: 'peng4nn' } },
  default: { metric: 'val_acc' },
};
const MODES = (
  process.argv.includes('--modes') ? process.argv[process.argv.indexOf('--modes') + 1] : 'off,paper,default'
)
  ?.split(',')
  .map((m) => {
    if (!(m in PREDICTOR_MODES)) throw new Error(`--modes: expected off, paper or default, got ${m}`);
    return m;
  });
const CHECKPOINTS = [0.25, 0.5, 1].map((f) => Math.round(f * BUDGET));

/**
 * NB201 records carry no parameter count. Proxy: conv weights per cell in units of C² (channels squared):
 * 9 for each 3×3 convolution, 1 for each 1×1 convolution, 0 for pooling, skip and none. Known before training.
 */
function convParams(genome: Genome): number {
  let total = 0;
  for (const op of Object.values(genome)) {
    if (op === 'nor_conv_3x3') total += 9;
    else if (op === 'nor_conv_1x1') total += 1;
  }
  return total;
}

const objectives: ObjectiveSpec[] = [
  { name: 'val_acc', direction: 'maximize', from: 'curve' },
  { name: 'conv_params', direction: 'minimize', from: 'static' },
];

interface RunResult {
  readonly trials: number;
  readonly epochs: number;
  readonly stopped: number;
  /** Epochs spent → true final val_acc of the trial the search would return (best reported fitness). */
  readonly returnedAt: number[];
  /** Epochs spent → best true final val_acc among all trials evaluated. */
  readonly oracleAt: number[];
  /** Best true final val_acc among the 5 trials with the best reported fitness (what re-training the top 5 finds). */
  readonly top5: number;
  readonly front?: { val_acc: number; conv_params: number }[];
}

function finalOf(record: CurveRecord): number {
  const values = record.metrics.val_acc ?? [];
  for (let i = values.length - 1; i >= 0; i--) if (typeof values[i] === 'number') return values[i] as number;
  return Number.NEGATIVE_INFINITY;
}

function front(points: { val_acc: number; conv_params: number }[]) {
  return points
    .filter(
      (p) =>
        !points.some(
          (q) =>
            q.val_acc >= p.val_acc &&
            q.conv_params <= p.conv_params &&
            (q.val_acc > p.val_acc || q.conv_params < p.conv_params),
        ),
    )
    .sort((a, b) => a.conv_params - b.conv_params)
    .filter(
      (p, i, all) =>
        i === 0 || p.conv_params !== all[i - 1]?.conv_params || p.val_acc !== all[i - 1]?.val_acc,
    );
}

async function runOnce(
  name: string,
  makeSearcher: () => SearcherFactory<Genome>,
  mode: string,
  seed: number,
  records: readonly CurveRecord[],
): Promise<RunResult> {
  const space = tabularSpace(records);
  const replay = replayTrainer(records, { space, metrics: ['val_acc'] });
  const trainer = { ...replay, staticObjectives: (g: Genome) => ({ conv_params: convParams(g) }) };
  let rl: ReinforceSearcher | undefined;
  const base = makeSearcher();
  const searcher: SearcherFactory<Genome> = (ctx) => {
    const s = base(ctx);
    if (name === 'reinforce') rl = s as ReinforceSearcher;
    return s;
  };
  // Loaded on demand, so `--modes off` runs without the predictor package.
  const predictorOptions = PREDICTOR_MODES[mode];
  const plugins: Plugin[] = predictorOptions
    ? [(await import('@penguin-nas/predictor')).predictorPlugin(predictorOptions) as Plugin]
    : [];
  const engine = new Engine({
    space,
    searcher,
    trainer,
    objectives,
    maxEpochs: MAX_EPOCHS,
    budget: { epochs: BUDGET },
    plugins,
    seed,
  });
  const summary = await engine.run();
  rl?.dispose();
  const trials = [...summary.trials].filter((t) => t.fitness !== undefined).sort((a, b) => a.index - b.index);
  const trueFinal = (t: TrialSnapshot) => finalOf(space.recordOf(t.genome) as CurveRecord);
  const returnedAt: number[] = [];
  const oracleAt: number[] = [];
  for (const checkpoint of CHECKPOINTS) {
    let spent = 0;
    let bestReported = Number.NEGATIVE_INFINITY;
    let returned = Number.NEGATIVE_INFINITY;
    let oracle = Number.NEGATIVE_INFINITY;
    for (const t of trials) {
      spent += t.cost.epochs;
      if (spent > checkpoint + 1e-9) break;
      const reported = t.fitness?.val_acc?.value ?? Number.NEGATIVE_INFINITY;
      if (reported > bestReported) {
        bestReported = reported;
        returned = trueFinal(t);
      }
      oracle = Math.max(oracle, trueFinal(t));
    }
    returnedAt.push(returned);
    oracleAt.push(oracle);
  }
  // Only trials finished within the budget, like the checkpoints (the last trial may end past it).
  let cumulative = 0;
  const withinBudget = trials.filter((t) => {
    cumulative += t.cost.epochs;
    return cumulative <= BUDGET + 1e-9;
  });
  const byReported = [...withinBudget].sort(
    (a, b) =>
      (b.fitness?.val_acc?.value ?? Number.NEGATIVE_INFINITY) -
      (a.fitness?.val_acc?.value ?? Number.NEGATIVE_INFINITY),
  );
  const result: RunResult = {
    top5: Math.max(...byReported.slice(0, 5).map(trueFinal)),
    trials: trials.length,
    epochs: summary.epochs,
    stopped: trials.filter((t) => t.status === 'stopped').length,
    returnedAt,
    oracleAt,
  };
  if (name !== 'nsga2') return result;
  return {
    ...result,
    front: front(trials.map((t) => ({ val_acc: trueFinal(t), conv_params: convParams(t.genome) }))),
  };
}

const searchers: Record<string, () => SearcherFactory<Genome>> = {
  random: () => randomSearcher(),
  nsga2: () => nsga2({ populationSize: 10 }),
  'regularized-evolution': () =>
    regularizedEvolution({ populationSize: 10, sampleSize: 3, objective: 'val_acc' }),
  reinforce: () => reinforce({ batchSize: 5, rewardScale: 0.01, learningRate: 0.02, objective: 'val_acc' }),
};

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
};
const summary = (xs: number[], digits = 2) =>
  `${quantile(xs, 0.5).toFixed(digits)} [${quantile(xs, 0.25).toFixed(digits)}–${quantile(xs, 0.75).toFixed(digits)}]`;

async function main() {
  const records = await readCurveFile(CURVES);
  const best = Math.max(...records.map(finalOf));
  const all: Record<string, RunResult[]> = {};
  const started = performance.now();
  for (const [name, make] of Object.entries(searchers)) {
    if (ONLY && !ONLY.split(',').includes(name)) continue;
    for (const mode of MODES ?? ['off']) {
      const label = `${name}${mode === 'off' ? '' : ` + predictor (${mode})`}`;
      const runs: RunResult[] = [];
      for (let seed = 0; seed < SEEDS; seed++) runs.push(await runOnce(name, make, mode, seed, records));
      all[label] = runs;
      process.stderr.write(
        `${label}: ${SEEDS} seeds done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
      );
    }
  }
  console.log(
    `NB201 CIFAR-10 valid, ${records.length} recorded cells (best true final val_acc ${best.toFixed(2)}), maxEpochs ${MAX_EPOCHS}, budget ${BUDGET} epochs, ${SEEDS} seeds. Median [IQR].\n`,
  );
  const head = CHECKPOINTS.map((c) => `returned @${c} ep`).join(' | ');
  console.log(
    `| searcher | trials in budget | stopped early | ${head} | best of top-5 reported @${BUDGET} ep | best seen @${BUDGET} ep |`,
  );
  console.log(`| --- | --- | --- | ${CHECKPOINTS.map(() => '---').join(' | ')} | --- | --- |`);
  for (const [label, runs] of Object.entries(all)) {
    const cells = CHECKPOINTS.map((_, i) => summary(runs.map((r) => r.returnedAt[i] as number)));
    console.log(
      `| ${label} | ${summary(
        runs.map((r) => r.trials),
        0,
      )} | ${summary(
        runs.map((r) => r.stopped),
        0,
      )} | ${cells.join(' | ')} | ${summary(runs.map((r) => r.top5))} | ${summary(runs.map((r) => r.oracleAt[CHECKPOINTS.length - 1] as number))} |`,
    );
  }
  for (const [label, runs] of Object.entries(all)) {
    if (!label.startsWith('nsga2')) continue;
    const f = runs[0]?.front ?? [];
    console.log(
      `\n${label}, seed 0: true final val_acc against conv_params (C² units per cell), ${f.length} points`,
    );
    console.log(f.map((p) => `(${p.conv_params}, ${p.val_acc.toFixed(2)})`).join(' '));
    console.log(
      `front size over seeds: ${summary(
        runs.map((r) => r.front?.length ?? 0),
        0,
      )}`,
    );
  }
  if (OUT) writeFileSync(OUT, `${JSON.stringify(all, null, 2)}\n`);
  process.stderr.write(`total ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

await main();
