/**
 * Writes docs/configuration.md and penguin.schema.json from the config schema and every registered strategy.
 * Run: npm run docs:config -w @penguin-nas/cli
 */
import { writeFileSync } from 'node:fs';
import { configFiles } from '../src/docs/files.js';

const files = await configFiles();
for (const [path, text] of Object.entries(files)) {
  writeFileSync(new URL(`../${path}`, import.meta.url), text);
  console.log(`wrote packages/cli/${path}`);
}
