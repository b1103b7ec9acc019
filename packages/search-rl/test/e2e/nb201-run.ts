/**
 * End-to-end harness: a searcher on the tabular NAS-Bench-201 curves with the replay trainer and the predictor
 * plugin. A spy around the searcher records what `tell` received, without changing what the searcher does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  Engine,
  type Genome,
  type ObjectiveSource,
  type ObjectiveSpec,
  type RunSummary,
  readCurveFile,
  replayTrainer,
  type SearcherFactory,
  tabularSpace,
} from '@penguin-nas/core';
import { predictorPlugin } from '@penguin-nas/predictor';

export const NB201 = new URL('../../../../../shared/data/curves/nb201-cifar10-valid.jsonl', import.meta.url)
  .pathname;

export interface Told {
  readonly status: string;
  readonly source: ObjectiveSource | undefined;
  readonly value: number | undefined;
  readonly epochs: number;
}

/** 9 units of C² per 3×3 convolution, 1 per 1×1: a static proxy for parameters (NB201 records have none). */
export const convParams = (g: Genome) =>
  Object.values(g).reduce<number>(
    (n, op) => n + (op === 'nor_conv_3x3' ? 9 : op === 'nor_conv_1x1' ? 1 : 0),
    0,
  );

export async function runOnNb201(
  factory: SearcherFactory<Genome>,
  options: { trials: number; maxEpochs: number; objectives?: ObjectiveSpec[]; seed?: number },
): Promise<{ summary: RunSummary; told: Told[] }> {
  const records = await readCurveFile(NB201);
  const space = tabularSpace(records);
  const replay = replayTrainer(records, { space, metrics: ['val_acc'] });
  const trainer = { ...replay, staticObjectives: (g: Genome) => ({ conv_params: convParams(g) }) };
  const told: Told[] = [];
  const spied: SearcherFactory<Genome> = (context) => {
    const inner = factory(context);
    return {
      name: inner.name,
      ask: (n) => inner.ask(n),
      tell: (trial, fitness) => {
        const objective = fitness.val_acc;
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
    trainer,
    objectives: options.objectives ?? [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: options.maxEpochs,
    budget: { trials: options.trials },
    // The paper's convergence rule, explicit so the test does not depend on the package's recommended defaults.
    plugins: [predictorPlugin({ metric: 'val_acc', rule: { kind: 'peng4nn' } })],
    seed: options.seed ?? 1,
  });
  const summary = await engine.run();
  return { summary, told };
}

/** Every source file under `dir`, concatenated (to show a searcher never refers to the predictor). */
export function sourceText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? sourceText(path) : readFileSync(path, 'utf8')))
    .join('\n');
}
