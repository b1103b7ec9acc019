export * from './config-packages.js';
export * from './registry.js';
export * from './sources.js';
