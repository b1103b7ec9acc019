export * from './callback.js';
export * from './data.js';
export * from './fit-trial.js';
export * from './optimizer.js';
export * from './options.js';
export * from './schedule.js';
export * from './trainer.js';
