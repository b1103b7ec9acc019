export * from './asha.js';
export * from './baselines.js';
export * from './compose.js';
export * from './confident.js';
export * from './peng4nn.js';
export * from './percentile.js';
export * from './top-fraction.js';
export * from './types.js';
