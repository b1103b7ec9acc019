export * from './registry.js';
export * from './sources.js';
