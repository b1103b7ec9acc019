/**
 * The trainer agent: a BullMQ worker that takes trial jobs from Redis, trains each in a child process (one per
 * slot, so a busy trainer never starves BullMQ's lock renewal), streams every validation point up, waits at most
 * `decisionTimeoutMs` for continue/stop (then continues: fail-open), and stops a trial it no longer owns.
 */
import { hostname } from 'node:os';
import type { EpochLogs, ReportAnswer, TrainResult } from '@penguin-nas/core';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullConnection, connect, redactUrl, redisOptions } from './connection.js';
import { attemptKey, decisionKey, lockKey, STOP_CHANNEL, stopKey, upStream } from './keys.js';
import { RoundTrips } from './round-trips.js';
import { TrainerSlot } from './trainer-slot.js';
import {
  decisionSchema,
  parseWire,
  QUEUE_PROTOCOL,
  stopMessageSchema,
  type TrialPayload,
  trialPayloadSchema,
  type UpMessage,
} from './wire.js';

export interface AgentOptions {
  readonly redis: string;
  /** URL of a module exporting `buildTrainer(spec, { backend })` (see `TrainerBuilderModule`). */
  readonly builder: string;
  readonly queue?: string;
  /** Trials trained at once, one child process each (default 1). */
  readonly concurrency?: number;
  /** Handed to the trainer builder (e.g. a TensorFlow.js backend). */
  readonly backend?: string;
  /** BullMQ job lock: a job whose agent stops renewing it for this long is handed to another agent (default 30 000). */
  readonly lockDurationMs?: number;
  /** How often BullMQ looks for stalled jobs (default 30 000). */
  readonly stalledIntervalMs?: number;
  /** Handovers of one job before BullMQ fails it (default 5). */
  readonly maxStalledCount?: number;
  readonly log?: (line: string) => void;
}

export interface Agent {
  readonly name: string;
  /** Resolves once the worker is connected and waiting for jobs. */
  readonly ready: Promise<void>;
  /** Stops taking jobs, lets running ones end, closes connections and child processes. */
  close(): Promise<void>;
}

const STREAM_LENGTH = 100_000;

interface Running {
  readonly payload: TrialPayload;
  readonly controller: AbortController;
  abandoned?: string;
}

export function startAgent(options: AgentOptions): Agent {
  redisOptions(options.redis); // a bad URL fails here
  const name = `${hostname()}:${process.pid}`;
  const log = (line: string) =>
    (options.log ?? ((l) => process.stderr.write(`${l}\n`)))(`agent ${name}: ${line}`);
  const queue = options.queue ?? 'penguin';
  const concurrency = options.concurrency ?? 1;
  const redis = connect(options.redis, 'penguin-agent', log);
  const subscriber = connect(options.redis, 'penguin-agent-stop', log);
  const free: number[] = Array.from({ length: concurrency }, (_, i) => i);
  const slots = free.map(() => new TrainerSlot(options.builder, options.backend));
  const waiters = free.map((i) => connect(options.redis, `penguin-agent-slot-${i}`, log));
  const running = new Map<string, Running>();
  const trips = new RoundTrips();

  const abandon = (job: Running, reason: string) => {
    if (job.abandoned) return;
    job.abandoned = reason;
    log(`stopping trial ${job.payload.trialId} (attempt ${job.payload.attempt}): ${reason}`);
    job.controller.abort();
  };

  void subscriber.subscribe(STOP_CHANNEL).catch(() => undefined);
  subscriber.on('message', (_channel: string, raw: string) => {
    const parsed = parseWire(stopMessageSchema, raw);
    if (!parsed.ok) return;
    const stop = parsed.value;
    for (const job of running.values()) {
      const p = job.payload;
      if (p.namespace === stop.namespace && p.trialId === stop.trialId && p.attempt <= stop.attempt)
        abandon(job, `the coordinator stopped it (${stop.reason})`);
    }
  });

  const processor = async (
    job: Job,
    token?: string,
    bullSignal?: AbortSignal,
  ): Promise<TrainResult | { stale: true }> => {
    const parsed = parseWire(trialPayloadSchema, job.data);
    if (!parsed.ok) {
      log(`refusing job ${job.id}: ${parsed.error}`);
      throw new UnrecoverableError(
        `refused by agent ${name}: expected a protocol ${QUEUE_PROTOCOL} trial job, ${parsed.error}`,
      );
    }
    const payload = parsed.value;
    const { namespace, trialId, attempt } = payload;
    const current = Number(await redis.get(attemptKey(namespace, trialId)));
    if (current > attempt) {
      log(`skipping trial ${trialId} attempt ${attempt}: attempt ${current} replaced it`);
      return { stale: true };
    }
    const slot = free.shift() ?? 0;
    const delivery = Math.max(1, job.attemptsStarted ?? 1);
    const entry: Running = { payload, controller: new AbortController() };
    running.set(job.id ?? trialId, entry);
    bullSignal?.addEventListener('abort', () => abandon(entry, 'BullMQ cancelled the job'), { once: true });
    const tags = {
      protocol: QUEUE_PROTOCOL,
      runId: payload.runId,
      trialId,
      attempt,
      delivery,
      agent: `${name}/${slot}`,
    };
    const up = (message: UpMessage) =>
      redis.xadd(upStream(namespace), 'MAXLEN', '~', STREAM_LENGTH, '*', 'm', JSON.stringify(message));
    const onEpoch = async (logs: EpochLogs): Promise<ReportAnswer> => {
      if (entry.abandoned) return 'stop';
      // One command at every validation point: the job's lock, the trial's latest attempt and its stop, if any.
      const [lock, latest, stopped] = await redis.mget(
        lockKey('bull', queue, job.id ?? ''),
        attemptKey(namespace, trialId),
        stopKey(namespace, trialId),
      );
      // A stop whose broadcast this agent missed (published before it took the job, or before it listed the job).
      const stop = stopped == null ? undefined : parseWire(stopMessageSchema, stopped);
      if (token !== undefined && lock !== token)
        abandon(entry, 'lost its lock on the job; another agent has it now');
      else if (Number(latest) > attempt) abandon(entry, `attempt ${latest} replaced it`);
      else if (stop?.ok && stop.value.attempt >= attempt)
        abandon(entry, `the coordinator stopped it (${stop.value.reason})`);
      if (entry.abandoned) return 'stop';
      const { epoch, ...metrics } = logs;
      const sent = performance.now();
      await up({ ...tags, kind: 'epoch', epoch, logs: metrics });
      const answer = await waitForDecision(
        waiters[slot] as Redis,
        decisionKey(namespace, trialId, attempt, delivery, epoch),
        payload.decisionTimeoutMs,
      );
      trips.add(performance.now() - sent, answer !== undefined);
      return entry.abandoned ? 'stop' : (answer ?? 'continue');
    };
    log(
      `training trial ${trialId} of ${payload.runId} (attempt ${attempt}, delivery ${delivery}) in slot ${slot}`,
    );
    try {
      let result: TrainResult;
      try {
        result = await (slots[slot] as TrainerSlot).train(payload, onEpoch, entry.controller.signal);
      } catch (error) {
        if (!entry.abandoned)
          await up({ ...tags, kind: 'result', ok: false, error: (error as Error).message });
        throw error;
      }
      if (entry.abandoned) throw new Error(`abandoned: ${entry.abandoned}`);
      await up({ ...tags, kind: 'result', ok: true, result });
      log(`finished trial ${trialId} after ${result.epochs} epochs`);
      return result;
    } finally {
      running.delete(job.id ?? trialId);
      free.push(slot);
    }
  };

  const worker = new Worker(queue, processor, {
    connection: bullConnection(options.redis),
    concurrency,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 5,
    autorun: true,
  });
  worker.on('lockRenewalFailed', (ids: string[]) => {
    for (const id of ids) {
      const job = running.get(id);
      if (job) abandon(job, 'could not renew its lock on the job');
    }
  });
  worker.on('error', (error: Error) => log(`worker: ${error.message}`));
  // The trainer processes start beside the worker: serving begins when both are ready.
  let closed = false;
  const ready = Promise.all([worker.waitUntilReady(), ...slots.map((slot) => slot.start())]).then(() => {
    if (!closed) log(`serving queue ${queue} on ${redactUrl(options.redis)} with ${concurrency} slot(s)`);
  });
  return {
    name,
    ready,
    async close() {
      closed = true;
      await worker.close();
      log(trips.summary());
      for (const slot of slots) slot.close();
      for (const connection of [redis, subscriber, ...waiters]) connection.disconnect();
    },
  };
}

/** The coordinator's answer to one validation point, or undefined when none comes in time (then: continue). */
async function waitForDecision(
  redis: Redis,
  key: string,
  timeoutMs: number,
): Promise<ReportAnswer | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs + 250);
  });
  try {
    const popped = await Promise.race([redis.blpop(key, timeoutMs / 1000).catch(() => null), timeout]);
    if (!popped) return undefined;
    const parsed = parseWire(decisionSchema, popped[1]);
    return parsed.ok ? parsed.value.answer : undefined;
  } finally {
    clearTimeout(timer);
  }
}
