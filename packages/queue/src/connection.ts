/** Redis connections from a URL (`redis://`, `rediss://` for TLS, user and password, `/db`), and the URL redacted. */
import { PenguinError } from '@penguin-nas/core';
import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/** ioredis options for a Redis URL. `maxRetriesPerRequest: null`: commands wait for a reconnect instead of failing. */
export function redisOptions(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PenguinError(
      'CONFIG_ERROR',
      `redis: expected a URL like redis://host:6379, got ${JSON.stringify(redactUrl(url))}`,
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new PenguinError(
      'CONFIG_ERROR',
      `redis: expected a redis:// or rediss:// (TLS) URL, got ${JSON.stringify(redactUrl(url))}`,
    );
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) {
    throw new PenguinError('CONFIG_ERROR', `redis: expected a database number after the host, got "/${db}"`);
  }
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db !== '' ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: { servername: parsed.hostname } } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  };
}

/** The URL with its password replaced by `***`: what logs, config.json and reports show. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** A new connection; `name` shows in `CLIENT LIST`. Errors are reported once per outage through `onError`. */
export function connect(url: string, name: string, onError?: (message: string) => void): Redis {
  const redis = new Redis({ ...redisOptions(url), connectionName: name, lazyConnect: false });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    onError?.(`redis ${redactUrl(url)}: ${error.message}; reconnecting`);
  });
  redis.on('ready', () => {
    down = false;
  });
  return redis;
}

/** The same options for BullMQ's Queue, QueueEvents and Worker (its own, looser, option type). */
export function bullConnection(url: string): ConnectionOptions {
  return redisOptions(url) as ConnectionOptions;
}
