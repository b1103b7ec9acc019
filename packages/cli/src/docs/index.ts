export * from './files.js';
export * from './json-schema.js';
export * from './reference.js';
