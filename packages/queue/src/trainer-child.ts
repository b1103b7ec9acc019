/**
 * A trainer child process of an agent: builds the trainer with the builder module named in argv[2] (once per
 * distinct spec), trains one trial at a time and reports each validation point to its parent over IPC. Training
 * here keeps the agent's own event loop free for BullMQ's lock renewal.
 */
import type { ReportAnswer, Trainer } from '@penguin-nas/core';
import type { FromChild, ToChild, TrainerBuilderModule } from './child-messages.js';

const builderUrl = process.argv[2] ?? '';
const trainers = new Map<string, Promise<Trainer>>();
let controller: AbortController | undefined;
let waiting: ((answer: ReportAnswer) => void) | undefined;

function send(message: FromChild): void {
  process.send?.(message);
}

async function trainerFor(
  spec: Readonly<Record<string, unknown>>,
  backend: string | undefined,
): Promise<Trainer> {
  const key = JSON.stringify([spec, backend]);
  let trainer = trainers.get(key);
  if (!trainer) {
    trainer = (async () => {
      const builder = (await import(builderUrl)) as TrainerBuilderModule;
      const built = await builder.buildTrainer(spec, backend === undefined ? {} : { backend });
      await built.prepare?.();
      return built;
    })();
    trainers.set(key, trainer);
    trainer.catch(() => trainers.delete(key));
  }
  return trainer;
}

async function train(message: Extract<ToChild, { type: 'train' }>): Promise<void> {
  const { payload } = message;
  controller = new AbortController();
  try {
    const trainer = await trainerFor(payload.trainer, message.backend);
    const result = await trainer.train(
      {
        id: payload.trialId,
        genome: payload.genome,
        seed: payload.seed,
        maxEpochs: payload.maxEpochs,
        signal: controller.signal,
      },
      (logs) =>
        new Promise<ReportAnswer>((resolve) => {
          waiting = resolve;
          send({ type: 'epoch', logs });
        }),
    );
    send({ type: 'done', result: JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}

process.on('message', (message: ToChild) => {
  if (message.type === 'train') void train(message);
  else if (message.type === 'answer') {
    const resolve = waiting;
    waiting = undefined;
    resolve?.(message.answer);
  } else if (message.type === 'abort') {
    controller?.abort();
    const resolve = waiting;
    waiting = undefined;
    resolve?.('stop');
  }
});
process.on('disconnect', () => process.exit(0));
// Loading the builder (the trainer registry and its packages) is most of a child's start: done before the first
// trial. A module that fails to load is reported by the first trial that needs it.
void import(builderUrl).then(
  () => send({ type: 'ready' }),
  () => send({ type: 'ready' }),
);
