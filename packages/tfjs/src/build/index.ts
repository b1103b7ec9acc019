export * from './build-model.js';
export * from './seeded-dropout.js';
