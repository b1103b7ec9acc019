/**
 * The coordinator's lease on a run: a Redis key set with NX and renewed while the coordinator lives. A second
 * coordinator of the same run waits one lease for a dead one's to expire, then refuses.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PenguinError } from '@penguin-nas/core';
import type { Redis } from 'ioredis';
import { leaseKey } from './keys.js';

/** Renews only a lease this holder still owns. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface Lease {
  /** Stops renewing and deletes the key if still ours. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  readonly ttlMs: number;
  /** Called when a renewal finds the lease taken by someone else. */
  readonly onLost?: (holder: string | null) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function acquireLease(redis: Redis, namespace: string, options: LeaseOptions): Promise<Lease> {
  const key = leaseKey(namespace);
  const token = JSON.stringify({
    host: hostname(),
    pid: process.pid,
    since: new Date().toISOString(),
    id: randomUUID(),
  });
  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + options.ttlMs * 1.5;
  let holder: string | null = null;
  while (true) {
    if ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) === 'OK') break;
    holder = await redis.get(key);
    if (Date.now() >= deadline) {
      const who = describeHolder(holder);
      throw new PenguinError(
        'JOURNAL_ERROR',
        `run ${namespace}: another coordinator is running it (${who}); stop it first, or wait for its lease to expire (${options.ttlMs} ms after it dies)`,
      );
    }
    await sleep(Math.min(250, options.ttlMs / 4));
  }
  const timer = setInterval(
    () => {
      redis.eval(RENEW, 1, key, token, options.ttlMs).then(
        async (renewed) => {
          if (renewed === 0) options.onLost?.(await redis.get(key).catch(() => null));
        },
        () => undefined, // Redis down: ioredis reconnects; the next renewal tries again
      );
    },
    Math.max(50, Math.floor(options.ttlMs / 3)),
  );
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    },
  };
}

function describeHolder(holder: string | null): string {
  try {
    const h = JSON.parse(holder ?? '') as { host?: string; pid?: number; since?: string };
    return `pid ${h.pid} on ${h.host}, since ${h.since}`;
  } catch {
    return 'unknown holder';
  }
}
