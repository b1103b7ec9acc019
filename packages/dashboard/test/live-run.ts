import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  type CurveRecord,
  Engine,
  type Genome,
  readCurveFile,
  replayTrainer,
  type SearcherFactory,
  tabularSpace,
} from '@penguin-nas/core';

const NB201 = fileURLToPath(
  new URL('../../../../shared/data/curves/nb201-cifar10-valid.jsonl', import.meta.url),
);

/** A genome value that must reach the page as text. */
export const SCRIPT_VALUE = '<script>window.__penguinXss = 1</script>';
/** Trial 3 fails with this message, which must reach the page as text too. */
export const FAILURE = 'toy failure <img src=x onerror="window.__penguinXss = 2">';

export interface LiveRunOptions {
  readonly trials?: number;
  readonly maxEpochs?: number;
  /** Pause after every epoch, so a watcher sees the run advance. */
  readonly delayMs?: number;
  /** Add a second, static objective (convolutions, minimised), for the Pareto front. */
  readonly twoObjectives?: boolean;
}

function inOrder(genomes: readonly Genome[]): SearcherFactory<Genome> {
  return () => {
    let next = 0;
    return {
      name: 'in-order',
      ask(n) {
        const out = genomes.slice(next, next + n);
        next += out.length;
        return out;
      },
      tell() {},
    };
  };
}

function convolutions(genome: Genome): Record<string, number> {
  return { convs: Object.values(genome).filter((v) => String(v).includes('conv')).length };
}

/**
 * A tabular replay run on recorded NB201 curves: trial 1's genome carries a `<script>` value, a toy predictor
 * records a prediction with a spread at every epoch, trial 3 fails at epoch 3 with markup in its message, and every
 * even trial is stopped at epoch 6 with a reason that states its numbers.
 */
export async function liveRun(dir: string, options: LiveRunOptions = {}): Promise<void> {
  const { trials = 6, maxEpochs = 12, delayMs = 0 } = options;
  const records: CurveRecord[] = (await readCurveFile(NB201))
    .slice(0, trials)
    .map((r, i) => (i === 1 ? { ...r, genome: { ...(r.genome as Genome), e1_0: SCRIPT_VALUE } } : r));
  const space = tabularSpace(records);
  const engine = new Engine({
    space,
    searcher: inOrder(records.map((r) => r.genome as Genome)),
    trainer: {
      ...replayTrainer(space, { metrics: ['val_acc'] }),
      ...(options.twoObjectives ? { staticObjectives: convolutions } : {}),
    },
    objectives: [
      { name: 'val_acc', direction: 'maximize', from: 'curve' },
      ...(options.twoObjectives ? [{ name: 'convs', direction: 'minimize', from: 'static' } as const] : []),
    ],
    maxEpochs,
    dir,
    plugins: [
      (host) => {
        host.hooks.onEpochEnd.tapPromise('toy', async (trial, logs) => {
          if (trial.index === 3 && logs.epoch === 3) throw new Error(FAILURE);
          trial.recordPrediction({
            metric: 'val_acc',
            epoch: logs.epoch,
            target: maxEpochs,
            value: (logs.val_acc ?? 0) + 3,
            by: 'toy',
            detail: { spread: 1.5 },
          });
          if (delayMs > 0) await sleep(delayMs);
        });
        host.hooks.shouldTerminate.tapPromise('toy', async (trial) => {
          const last = trial.curve[trial.curve.length - 1]?.val_acc ?? 0;
          return trial.index % 2 === 0 && trial.curve.length === 6
            ? { reason: `toy rule: predicted ${(last + 3).toFixed(2)} < 99`, by: 'toy', prediction: last + 3 }
            : undefined;
        });
      },
    ],
  });
  await engine.run();
}
