export * from './calibration.js';
export * from './regression.js';
