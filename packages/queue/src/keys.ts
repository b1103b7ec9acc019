/** Redis keys and channels of a distributed run. Everything of one run lives under its namespace. */

/** The stream agents append epoch logs and results to; the coordinator reads it. */
export const upStream = (namespace: string): string => `${namespace}:up`;

/** The current attempt of a trial (INCR on every launch); an agent holding an older one stops. */
export const attemptKey = (namespace: string, trialId: string): string => `${namespace}:attempt:${trialId}`;

/** The list one validation point's answer is pushed onto; the agent waits on it with BLPOP. */
export const decisionKey = (
  namespace: string,
  trialId: string,
  attempt: number,
  delivery: number,
  epoch: number,
): string => `${namespace}:decision:${trialId}:${attempt}:${delivery}:${epoch}`;

/** The coordinator's lease on the run: one coordinator per run. */
export const leaseKey = (namespace: string): string => `${namespace}:coordinator`;

/**
 * The latest stop message of a trial (JSON), kept beside the broadcast: an agent that took the job after the message
 * was published, or was between taking it and listening for it, reads it at its next validation point.
 */
export const stopKey = (namespace: string, trialId: string): string => `${namespace}:stop:${trialId}`;

/** How long a trial's stop message is kept for agents that missed its broadcast. */
export const STOP_TTL_S = 3600;

/** The pub/sub channel stop messages are broadcast on (agents do not know the runs in advance). */
export const STOP_CHANNEL = 'penguin:stop';

/** BullMQ job id of one attempt of a trial: custom ids make a repeated add idempotent. */
export const jobId = (namespace: string, trialId: string, attempt: number): string =>
  `${namespace.replaceAll(':', '.')}.${trialId}.${attempt}`;

/** The key BullMQ keeps a job's lock in (its value is the token of the worker holding it). */
export const lockKey = (prefix: string, queue: string, id: string): string => `${prefix}:${queue}:${id}:lock`;

/** How long decision lists live when no agent takes them. */
export const DECISION_TTL_S = 600;
