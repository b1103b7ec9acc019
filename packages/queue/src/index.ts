export { type Agent, type AgentOptions, startAgent } from './agent.js';
export type { TrainerBuilderModule } from './child-messages.js';
export { connect, redactUrl, redisOptions } from './connection.js';
export { QUEUE_DEFAULTS, type QueueExecutorOptions, queueExecutor } from './coordinator.js';
export * from './wire.js';
