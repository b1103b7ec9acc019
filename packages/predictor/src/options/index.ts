export * from './defaults.js';
export * from './fields.js';
export * from './rule-schema.js';
export * from './schema.js';
