import { Engine, readCurveFile, replayTrainer, tabularSpace } from '../../src/index.js';
import { hillClimber, medianStopper } from '../fixtures.js';
import { NB201 } from '../paths.js';

/**
 * The run used by the resume tests: a searcher that learns from tells, a stateful plugin that stops trials,
 * and (optionally) a pause at every epoch so a parent process can kill it mid-trial.
 */
export async function resumableRun(
  dir: string | undefined,
  options: { resume?: boolean; pauseMs?: number; concurrency?: number } = {},
) {
  const records = (await readCurveFile(NB201)).slice(0, 60);
  const space = tabularSpace(records);
  const stopper = medianStopper(8);
  const engine = new Engine({
    space,
    searcher: hillClimber(),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 30,
    budget: { trials: 14 },
    seed: 11,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    plugins: [
      stopper,
      options.pauseMs
        ? (host) =>
            host.hooks.onEpochEnd.tapPromise(
              'pause',
              () => new Promise((resolve) => setTimeout(resolve, options.pauseMs)),
            )
        : undefined,
    ],
    ...(dir ? { dir } : {}),
    ...(options.resume ? { resume: true } : {}),
  });
  return engine.run();
}

/** Run as a child process: `node --conditions=source --import tsx resumable-run.ts <dir> <pauseMs> [concurrency]`. */
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  const [dir, pause, concurrency] = process.argv.slice(2);
  await resumableRun(dir, { pauseMs: Number(pause), concurrency: Number(concurrency ?? 1) });
}
