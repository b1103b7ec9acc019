import { fileURLToPath } from 'node:url';

/** The shared curve files sit beside the checkout as ../shared (read by path, never copied into the repository). */
export const SHARED_CURVES = fileURLToPath(new URL('../../../../../shared/data/curves/', import.meta.url));
export const NB201 = `${SHARED_CURVES}nb201-cifar10-valid.jsonl`;
export const TEST_VECTORS = `${SHARED_CURVES}penguin-test-vectors.json`;
