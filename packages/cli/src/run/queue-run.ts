/**
 * `executor: { kind: 'queue', … }` (or `--redis URL`): builds the coordinator's queue executor for a run
 * directory. The run's Redis namespace is kept in `<dir>/queue.json` so `penguin resume` finds the same keys; the
 * Redis password is never written anywhere (config.json holds the URL with `***`).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Executor, type Genome, PenguinError } from '@penguin-nas/core';
import { QUEUE_DEFAULTS, queueExecutor, redactUrl } from '@penguin-nas/queue';
import type { LoadedConfig } from '../config/load.js';
import { toJsonConfig } from '../config/snapshot.js';

export const QUEUE_FILE = 'queue.json';
/** Fills in a password that config.json holds as `***` (or a URL without one). */
export const PASSWORD_ENV = 'PENGUIN_REDIS_PASSWORD';

type QueueSection = Extract<LoadedConfig['config']['executor'], { kind: 'queue' }>;

/** The queue section of a run: from the config, with `--redis` overriding (or adding) the URL. */
export function queueSection(loaded: LoadedConfig, redis: string | undefined): QueueSection | undefined {
  const { executor } = loaded.config;
  if (redis !== undefined) {
    return executor.kind === 'queue'
      ? { ...executor, redis }
      : {
          kind: 'queue',
          redis,
          queue: QUEUE_DEFAULTS.queue,
          decisionTimeoutMs: QUEUE_DEFAULTS.decisionTimeoutMs,
          leaseMs: QUEUE_DEFAULTS.leaseMs,
        };
  }
  return executor.kind === 'queue' ? executor : undefined;
}

/** A copy of the raw config with the Redis password redacted, and the queue section `--redis` added. */
export function redactedConfig(raw: unknown, section: QueueSection | undefined): unknown {
  if (!section || typeof raw !== 'object' || raw === null) return raw;
  const { executor, ...rest } = raw as Record<string, unknown>;
  const base = typeof executor === 'object' && executor !== null ? executor : { kind: 'queue' };
  return { ...rest, executor: { ...base, redis: redactUrl(section.redis) } };
}

/** The URL with its password: `***` or none is filled from PENGUIN_REDIS_PASSWORD when set. */
function withPassword(url: string, env: NodeJS.ProcessEnv): string {
  const password = env[PASSWORD_ENV];
  const parsed = new URL(url);
  if (password !== undefined && (parsed.password === '' || parsed.password === '***')) {
    parsed.password = encodeURIComponent(password);
    return parsed.toString();
  }
  if (parsed.password === '***') {
    throw new PenguinError(
      'CONFIG_ERROR',
      `executor.redis: the password of ${url} was redacted from the run's config.json; pass --redis URL or set ${PASSWORD_ENV}`,
    );
  }
  return url;
}

/** The run's Redis namespace: read from `<dir>/queue.json`, or chosen and written for a new run. */
function namespaceOf(dir: string): string {
  const file = join(dir, QUEUE_FILE);
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { namespace?: unknown };
    if (typeof saved.namespace === 'string') return saved.namespace;
  }
  const namespace = `penguin:${basename(dir).replace(/[^\w.-]/g, '_')}-${randomUUID().slice(0, 8)}`;
  writeFileSync(file, `${JSON.stringify({ namespace }, null, 2)}\n`);
  return namespace;
}

/** The trainer section agents rebuild the trainer from: the config's space, dataset, trainer, maxEpochs, seed. */
function trainerSpec(loaded: LoadedConfig, seed: number): Record<string, unknown> {
  const { json, hasObjects } = toJsonConfig({
    space: loaded.config.space,
    trainer: loaded.config.trainer,
    ...(loaded.config.dataset === undefined ? {} : { dataset: loaded.config.dataset }),
  });
  if (hasObjects) {
    throw new PenguinError(
      'CONFIG_ERROR',
      `${loaded.label}: executor: agents build the trainer from the config, so space and trainer must be names ({ name, …options }), not objects`,
    );
  }
  return { config: { ...(json as object), maxEpochs: loaded.config.maxEpochs, seed }, configDir: loaded.dir };
}

export async function createQueueExecutor(
  loaded: LoadedConfig,
  section: QueueSection,
  run: { readonly dir: string; readonly seed: number; readonly concurrency: number },
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Executor<Genome>> {
  return queueExecutor({
    redis: withPassword(section.redis, env),
    namespace: namespaceOf(run.dir),
    trainer: trainerSpec(loaded, run.seed),
    concurrency: run.concurrency,
    queue: section.queue,
    decisionTimeoutMs: section.decisionTimeoutMs,
    leaseMs: section.leaseMs,
    log,
  });
}
