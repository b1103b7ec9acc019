/**
 * Writes docs/configuration.md and penguin.schema.json from the config schema and every registered strategy.
 * Run: npm run docs:config -w @penguin-nas/cli
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { configFiles } from '../src/docs/files.js';

const files = await configFiles();
for (const [path, text] of Object.entries(files)) {
  const file = fileURLToPath(new URL(`../${path}`, import.meta.url));
  writeFileSync(file, text);
  // The repository's formatter owns markdown layout (it pads tables); format so `biome check` stays clean.
  if (path.endsWith('.md')) {
    const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
    execFileSync(process.execPath, [biome, 'format', '--write', file], { stdio: 'ignore' });
  }
  console.log(`wrote packages/cli/${path}`);
}
