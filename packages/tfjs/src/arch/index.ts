export * from './analyze.js';
export * from './types.js';
