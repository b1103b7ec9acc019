/**
 * The coordinator's executor: trials become BullMQ jobs on Redis, agents on other machines train them, and epoch
 * logs and results come back through one Redis stream. The engine, its searcher, predictor, hooks and journal stay
 * here; Redis is transport and leases only.
 */
import {
  type EpochReport,
  type ExecutionContext,
  type Executor,
  type ExecutorHost,
  type Genome,
  PenguinError,
  type ReportAnswer,
  type TrainResult,
  type TrialJob,
} from '@penguin-nas/core';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullConnection, connect, redactUrl, redisOptions } from './connection.js';
import {
  attemptKey,
  DECISION_TTL_S,
  decisionKey,
  jobId,
  STOP_CHANNEL,
  STOP_TTL_S,
  stopKey,
  upStream,
} from './keys.js';
import { acquireLease, type Lease } from './lease.js';
import { TrialInbox } from './trial-inbox.js';
import {
  type Decision,
  type EpochMessage,
  parseWire,
  QUEUE_PROTOCOL,
  type StopMessage,
  type TrialPayload,
  upMessageSchema,
} from './wire.js';

export interface QueueExecutorOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
  readonly redis: string;
  /** Redis key prefix of this run; unique per run directory (`penguin:<dir>-<random>`). */
  readonly namespace: string;
  /** What agents need to build the trainer (the config's space, dataset and trainer sections…). */
  readonly trainer: Readonly<Record<string, unknown>>;
  /** Trials queued at once (the engine keeps this many running). */
  readonly concurrency: number;
  /** BullMQ queue name shared with the agents (default `penguin`). */
  readonly queue?: string;
  /** How long an agent waits for continue/stop before it continues (default 10 000 ms). */
  readonly decisionTimeoutMs?: number;
  /** The coordinator's lease on the run (default 30 000 ms): how soon a resume may take over from a dead one. */
  readonly leaseMs?: number;
  /** Lines for the user (connection trouble, no agent yet). */
  readonly log?: (line: string) => void;
}

export const QUEUE_DEFAULTS = { queue: 'penguin', decisionTimeoutMs: 10_000, leaseMs: 30_000 } as const;

/** Connects, takes the run's lease (refusing when another coordinator holds it) and returns the executor. */
export async function queueExecutor(options: QueueExecutorOptions): Promise<Executor<Genome>> {
  redisOptions(options.redis); // a bad URL fails here, before anything connects
  const log = options.log ?? (() => undefined);
  const redis = connect(options.redis, 'penguin-coordinator', log);
  let lease: Lease;
  try {
    await redis.ping();
    lease = await acquireLease(redis, options.namespace, {
      ttlMs: options.leaseMs ?? QUEUE_DEFAULTS.leaseMs,
      onLost: () => log(`lost the lease on run ${options.namespace} to another coordinator`),
    });
  } catch (error) {
    redis.disconnect();
    throw error instanceof PenguinError
      ? error
      : new PenguinError('CONFIG_ERROR', `redis ${redactUrl(options.redis)}: ${(error as Error).message}`);
  }
  return new Coordinator(options, redis, lease, log).executor();
}

class Coordinator {
  private readonly queueName: string;
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly reader: Redis;
  private readonly inboxes = new Map<string, TrialInbox>();
  private readonly byJob = new Map<string, TrialInbox>();
  private host: ExecutorHost | undefined;
  private lastId = '$';
  private closed = false;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly options: QueueExecutorOptions,
    private readonly redis: Redis,
    private readonly lease: Lease,
    private readonly log: (line: string) => void,
  ) {
    this.queueName = options.queue ?? QUEUE_DEFAULTS.queue;
    const connection = bullConnection(options.redis);
    this.queue = new Queue(this.queueName, { connection });
    this.events = new QueueEvents(this.queueName, { connection });
    this.reader = connect(options.redis, 'penguin-coordinator-reader', log);
    this.events.on('failed', ({ jobId: id, failedReason }) => {
      this.byJob.get(id)?.fail(new Error(`job ${id} failed on its agent: ${failedReason}`));
    });
  }

  executor(): Executor<Genome> {
    return {
      name: `queue(${redactUrl(this.options.redis)}/${this.queueName})`,
      concurrency: this.options.concurrency,
      attach: (host) => {
        this.host = host;
      },
      prepare: () => this.prepare(),
      execute: (job, report, signal, context) => this.execute(job, report, signal, context),
      close: () => this.close(),
    };
  }

  private async prepare(): Promise<void> {
    // Read the stream from its current end: older entries belong to attempts this coordinator never launched.
    const last = await this.redis.xrevrange(upStream(this.options.namespace), '+', '-', 'COUNT', 1);
    this.lastId = last[0]?.[0] ?? '0';
    await this.events.waitUntilReady();
    this.reading = this.readLoop();
    const workers = await this.queue.getWorkersCount();
    if (workers === 0)
      this.log(`no agent serves queue ${this.queueName} yet; start one with: penguin agent --redis URL`);
  }

  private async execute(
    job: TrialJob<Genome>,
    report: EpochReport,
    signal: AbortSignal,
    context?: ExecutionContext,
  ): Promise<TrainResult> {
    const { namespace } = this.options;
    const counted = await this.redis.incr(attemptKey(namespace, job.trialId));
    const attempt = Math.max(counted, job.attempt);
    if (attempt !== counted) await this.redis.set(attemptKey(namespace, job.trialId), attempt);
    if (attempt > 1) await this.stop(job.trialId, attempt - 1, 'relaunched as a new attempt');
    const inbox = new TrialInbox(job.trialId, attempt, report, {
      answer: (message, answer) => this.answer(message, answer),
      notice: (event) => (context ? context.notice(event) : this.host?.notice(event)),
    });
    const id = jobId(namespace, job.trialId, attempt);
    this.inboxes.set(job.trialId, inbox);
    this.byJob.set(id, inbox);
    const onAbort = () => {
      inbox.fail(new Error(`trial ${job.trialId} cancelled`));
      void this.stop(job.trialId, attempt, 'the run was cancelled');
      void this.queue.remove(id).catch(() => undefined); // waiting jobs go; an agent's running one is stopped
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const payload: TrialPayload = {
        protocol: QUEUE_PROTOCOL,
        kind: 'trial',
        namespace,
        runId: job.runId,
        trialId: job.trialId,
        attempt,
        genome: job.genome,
        seed: job.seed,
        maxEpochs: job.maxEpochs,
        trainer: this.options.trainer,
        decisionTimeoutMs: this.options.decisionTimeoutMs ?? QUEUE_DEFAULTS.decisionTimeoutMs,
      };
      if (signal.aborted) onAbort();
      else
        await this.queue.add('trial', payload, {
          jobId: id,
          attempts: 1,
          removeOnComplete: { age: 3600 },
          removeOnFail: { age: 24 * 3600 },
        });
      const result = await inbox.done;
      await this.stop(job.trialId, attempt, 'the trial has its result');
      return result;
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (this.inboxes.get(job.trialId) === inbox) this.inboxes.delete(job.trialId);
      this.byJob.delete(id);
    }
  }

  /** Reads the run's stream of epoch logs and results until closed, surviving Redis restarts. */
  private async readLoop(): Promise<void> {
    const stream = upStream(this.options.namespace);
    while (!this.closed) {
      let batch: [string, [string, string[]][]][] | null;
      try {
        batch = (await this.reader.xread(
          'COUNT',
          200,
          'BLOCK',
          500,
          'STREAMS',
          stream,
          this.lastId,
        )) as typeof batch;
      } catch (error) {
        if (this.closed) return;
        this.log(`reading ${stream}: ${(error as Error).message}; retrying`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      for (const [, entries] of batch ?? []) {
        for (const [id, fields] of entries) {
          this.lastId = id;
          this.dispatch(fields[1] ?? '');
        }
      }
    }
  }

  private dispatch(raw: string): void {
    const parsed = parseWire(upMessageSchema, raw);
    if (!parsed.ok) {
      this.host?.notice({ type: 'garbled-message', error: parsed.error });
      this.log(`ignored a message that is not protocol ${QUEUE_PROTOCOL}: ${parsed.error}`);
      return;
    }
    const message = parsed.value;
    const inbox = this.inboxes.get(message.trialId);
    if (message.kind === 'epoch') {
      if (inbox) inbox.onEpoch(message);
      else this.answer(message, 'stop'); // a trial this coordinator is not running: a leftover of a dead one
    } else if (inbox) inbox.onResult(message);
    else
      this.host?.notice({
        type: 'stale-result',
        trialId: message.trialId,
        attempt: message.attempt,
        why: 'no such running trial',
      });
  }

  private answer(message: EpochMessage, answer: ReportAnswer): void {
    const decision: Decision = {
      protocol: QUEUE_PROTOCOL,
      kind: 'decision',
      trialId: message.trialId,
      attempt: message.attempt,
      delivery: message.delivery,
      epoch: message.epoch,
      answer,
    };
    const key = decisionKey(
      this.options.namespace,
      message.trialId,
      message.attempt,
      message.delivery,
      message.epoch,
    );
    this.redis
      .multi()
      .rpush(key, JSON.stringify(decision))
      .expire(key, DECISION_TTL_S)
      .exec()
      .catch(() => undefined);
  }

  private async stop(trialId: string, attempt: number, reason: string): Promise<void> {
    const message: StopMessage = {
      protocol: QUEUE_PROTOCOL,
      kind: 'stop',
      namespace: this.options.namespace,
      trialId,
      attempt,
      reason,
    };
    const raw = JSON.stringify(message);
    await this.redis
      .multi()
      .set(stopKey(this.options.namespace, trialId), raw, 'EX', STOP_TTL_S)
      .publish(STOP_CHANNEL, raw)
      .exec()
      .catch(() => undefined);
  }

  private async close(): Promise<void> {
    this.closed = true;
    await this.reading?.catch(() => undefined);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    await this.lease.release();
    this.reader.disconnect();
    this.redis.disconnect();
  }
}
