import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCurveFile } from '../curves/read-curve-file.js';
import { Engine } from '../engine/engine.js';
import type { PluginList, RunSummary } from '../run-types.js';
import { replayTrainer } from '../tabular/replay-trainer.js';
import { tabularSpace } from '../tabular/tabular-space.js';
import type { Genome, ObjectiveSource, ObjectiveSpec, SearcherFactory } from '../types.js';

/** What a searcher's `tell` received for one trial. */
export interface ToldRecord {
  readonly status: string;
  readonly source: ObjectiveSource | undefined;
  readonly value: number | undefined;
  readonly epochs: number;
}

export interface RecordedRunOptions {
  /** A curve file with genomes (e.g. ../shared/data/curves/nb201-cifar10-valid.jsonl). */
  readonly file: string;
  readonly trials: number;
  readonly maxEpochs: number;
  /** The plugins under test, e.g. `[predictorPlugin({ … })]`. */
  readonly plugins: PluginList<Genome>;
  readonly objectives?: readonly ObjectiveSpec[];
  /** Metric replayed and recorded (default `val_acc`). */
  readonly metric?: string;
  /** Static objectives computed from a genome (recorded curves rarely carry any). */
  readonly staticObjectives?: (genome: Genome) => Readonly<Record<string, number>>;
  readonly seed?: number;
}

/**
 * Runs a searcher on recorded curves (tabular space + replay trainer) with the given plugins, recording what `tell`
 * received without changing what the searcher does: the harness for "this searcher gains early termination
 * unchanged" tests.
 */
export async function runOnRecordedCurves(
  factory: SearcherFactory<Genome>,
  options: RecordedRunOptions,
): Promise<{ summary: RunSummary; told: ToldRecord[] }> {
  const metric = options.metric ?? 'val_acc';
  const records = await readCurveFile(options.file);
  const space = tabularSpace(
    records,
    options.staticObjectives ? { staticObjectives: options.staticObjectives } : {},
  );
  const told: ToldRecord[] = [];
  const spied: SearcherFactory<Genome> = (context) => {
    const inner = factory(context);
    return {
      name: inner.name,
      ask: (n) => inner.ask(n),
      tell: (trial, fitness) => {
        const objective = fitness[metric];
        told.push({
          status: trial.status,
          source: objective?.source,
          value: objective?.value,
          epochs: trial.cost.epochs,
        });
        return inner.tell(trial, fitness);
      },
    };
  };
  const engine = new Engine({
    space,
    searcher: spied,
    trainer: replayTrainer(space, { metrics: [metric] }),
    objectives: options.objectives ?? [{ name: metric, direction: 'maximize', from: 'curve' }],
    maxEpochs: options.maxEpochs,
    budget: { trials: options.trials },
    plugins: options.plugins,
    seed: options.seed ?? 1,
  });
  const summary = await engine.run();
  return { summary, told };
}

/** Every file under `dir`, concatenated: to assert that a searcher's sources never mention a plugin. */
export function sourceText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? sourceText(path) : readFileSync(path, 'utf8')))
    .join('\n');
}
