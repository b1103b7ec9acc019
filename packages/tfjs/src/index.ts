export * from './arch/index.js';
export * from './backend/index.js';
export * from './build/index.js';
export * from './datasets/index.js';
export { penguinPackage } from './penguin-package.js';
export * from './pool/index.js';
export * from './spaces/index.js';
export { defaultTf, type TF } from './tf.js';
export * from './train/index.js';
