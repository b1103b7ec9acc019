export * from './errors.js';
export * from './hooks.js';
export * from './registry.js';
export * from './rng.js';
export * from './run-types.js';
export * from './space/decisions.js';
export * from './space/define-space.js';
export type * from './types.js';
