export * from './messages.js';
export * from './pool-executor.js';
export * from './worker-entry.js';
export * from './worker-pool.js';
