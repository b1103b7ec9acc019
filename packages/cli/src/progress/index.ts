export * from './progress-plugin.js';
export * from './render.js';
export * from './state.js';
