// The npm registry mirror of the development machines lacks some of Biome's per-platform binaries
// (@biomejs/cli-<os>-<cpu>), so `npm install` writes a package-lock.json without them, and `npm ci` then refuses
// the lock as out of sync with package.json. This adds the missing optional entries (os/cpu/libc tell npm to skip
// them on other platforms, so they are never fetched here). Run it after `npm install`: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, entry] of Object.entries(packages)) {
  if (!path.endsWith('node_modules/@biomejs/biome')) continue;
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `${path.slice(0, -'@biomejs/biome'.length)}${name}`;
    if (packages[key]) continue;
    const platform = name.slice('@biomejs/cli-'.length).split('-');
    const [os, cpu, musl] = platform;
    packages[key] = {
      version,
      cpu: [cpu],
      dev: entry.dev ?? false,
      ...(os === 'linux' ? { libc: [musl === 'musl' ? 'musl' : 'glibc'] } : {}),
      license: entry.license,
      optional: true,
      os: [os],
      engines: entry.engines,
    };
    added.push(key);
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.join(', ')}` : 'package-lock.json already complete');
