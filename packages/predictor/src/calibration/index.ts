export * from './calibration.js';
export * from './regression.js';
export * from './types.js';
