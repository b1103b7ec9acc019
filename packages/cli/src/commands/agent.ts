import { startAgent } from '@penguin-nas/queue';
import { PASSWORD_ENV } from '../run/queue-run.js';
import { type CliIO, EXIT } from './io.js';

export interface AgentCommandOptions {
  readonly redis: string;
  readonly queue?: string;
  readonly concurrency?: number;
  readonly backend?: string;
  readonly lockDuration?: number;
  readonly stalledInterval?: number;
  readonly maxStalled?: number;
}

/** The trainer builder agents load in their child processes (`.ts` from sources, `.js` when built). */
const BUILDER = new URL(
  `../agent/build-trainer.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
).href;

/** `penguin agent --redis URL`: trains trial jobs from the queue until Ctrl-C or SIGTERM. */
export async function agentCommand(options: AgentCommandOptions, io: CliIO): Promise<number> {
  let redis = options.redis;
  const password = process.env[PASSWORD_ENV];
  if (password !== undefined) {
    const url = new URL(redis);
    if (url.password === '') {
      url.password = encodeURIComponent(password);
      redis = url.toString();
    }
  }
  const agent = startAgent({
    redis,
    builder: BUILDER,
    ...(options.queue === undefined ? {} : { queue: options.queue }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    ...(options.lockDuration === undefined ? {} : { lockDurationMs: options.lockDuration }),
    ...(options.stalledInterval === undefined ? {} : { stalledIntervalMs: options.stalledInterval }),
    ...(options.maxStalled === undefined ? {} : { maxStalledCount: options.maxStalled }),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  // Signals are taken from the start: the worker may take a trial while the trainer processes still load.
  const stopped = new Promise<void>((resolve) => {
    const remove = io.onInterrupt(() => {
      remove();
      resolve();
    });
    process.once('SIGTERM', () => resolve());
  });
  await Promise.race([agent.ready, stopped]);
  await stopped;
  io.stderr.write(`agent ${agent.name}: stopping; running trials end first\n`);
  await agent.close();
  return EXIT.ok;
}
