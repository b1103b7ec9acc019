export * from './arch/index.js';
export * from './build/index.js';
export * from './spaces/index.js';
