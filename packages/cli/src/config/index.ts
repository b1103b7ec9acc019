export * from './config-error.js';
export * from './did-you-mean.js';
export * from './issues.js';
export * from './load.js';
export * from './schema.js';
export * from './snapshot.js';
