export * from './layer-cnn.js';
export * from './macro-cnn.js';
export * from './mlp.js';
export * from './network-space.js';
export * from './training.js';
