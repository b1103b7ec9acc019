export * from './complete.js';
export * from './defaults.js';
export * from './fields.js';
export * from './resolve-options.js';
export * from './rule-schema.js';
export * from './schema.js';
