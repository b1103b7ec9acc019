// Builds the Fashion-MNIST subset that ships inside @penguin-nas/tfjs (packages/tfjs/data/fashion-mnist-subset), the
// dataset the quickstart trains on when the full set is not installed, and verifies it against the SHA-256
// checksums recorded in that folder's manifest.json.
//
//   node scripts/fashion-mnist-subset.mjs                  regenerate from the official files, then verify
//   node scripts/fashion-mnist-subset.mjs --check          verify the committed files only (no official files needed)
//   node scripts/fashion-mnist-subset.mjs --source DIR     take the official files from DIR
//   node scripts/fashion-mnist-subset.mjs --record         write the new checksums into manifest.json (a deliberate change)
//
// The official files are found like @penguin-nas/tfjs finds them: --source, else $PENGUIN_DATA/fashion-mnist,
// ~/.cache/penguin/datasets/fashion-mnist, then /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).
// Their decompressed content must match the official SHA-256 checksums. The subset takes, in file order, the first
// `perClass` images of each class from the official training file and the first `testPerClass` from the test file:
// class-balanced and fixed, with no random draw to reproduce. Fashion-MNIST is MIT-licensed (LICENSE beside the files).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';

const OUT = new URL('../packages/tfjs/data/fashion-mnist-subset/', import.meta.url);
const MANIFEST = new URL('manifest.json', OUT);
const PARTS = [
  { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte', count: 'perClass' },
  { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte', count: 'testPerClass' },
];
const CLASSES = 10;
const PIXELS = 28 * 28;

const { values } = parseArgs({
  options: { check: { type: 'boolean' }, record: { type: 'boolean' }, source: { type: 'string' } },
});
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function fail(message) {
  console.error(`fashion-mnist-subset: ${message}`);
  process.exit(1);
}

function sourceDir() {
  const env = process.env;
  const cache =
    env.PENGUIN_DATA ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'penguin', 'datasets');
  const dirs = values.source
    ? [values.source]
    : [join(cache, 'fashion-mnist'), '/usr/share/datasets/fashion-mnist'];
  const found = dirs.find((dir) => existsSync(join(dir, `${PARTS[0].images}.gz`)));
  if (!found)
    fail(`expected the official Fashion-MNIST .gz files in one of ${dirs.join(', ')}; found none there`);
  return found;
}

/** An IDX file of unsigned bytes: 00 00 08 <ndims>, the big-endian sizes, then the values. */
function idx(dims, data) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.set([0, 0, 0x08, dims.length]);
  dims.forEach((d, i) => {
    header.writeUInt32BE(d, 4 + 4 * i);
  });
  return Buffer.concat([header, data]);
}

/** The first `perClass` examples of each class, in file order. */
function subset(images, labels, perClass) {
  const offset = { images: 16, labels: 8 };
  const taken = new Array(CLASSES).fill(0);
  const chosen = [];
  for (let i = 0; i < labels.length - offset.labels && chosen.length < perClass * CLASSES; i++) {
    const label = labels[offset.labels + i];
    if (taken[label] === perClass) continue;
    taken[label]++;
    chosen.push(i);
  }
  const pixels = Buffer.alloc(chosen.length * PIXELS);
  const picked = Buffer.alloc(chosen.length);
  chosen.forEach((from, to) => {
    images.copy(pixels, to * PIXELS, offset.images + from * PIXELS, offset.images + (from + 1) * PIXELS);
    picked[to] = labels[offset.labels + from];
  });
  return { images: idx([chosen.length, 28, 28], pixels), labels: idx([chosen.length], picked) };
}

function generate() {
  const dir = sourceDir();
  const read = (name) => {
    const content = gunzipSync(readFileSync(join(dir, `${name}.gz`)));
    const expected = manifest.source.sha256[name];
    const actual = sha256(content);
    if (actual !== expected)
      fail(`${join(dir, `${name}.gz`)}: expected decompressed SHA-256 ${expected}, got ${actual}`);
    return content;
  };
  for (const part of PARTS) {
    const { images, labels } = subset(read(part.images), read(part.labels), manifest[part.count]);
    // Level 9 and no file name or time in the gzip header: the same bytes on every run with the same zlib.
    writeFileSync(new URL(`${part.images}.gz`, OUT), gzipSync(images, { level: 9 }));
    writeFileSync(new URL(`${part.labels}.gz`, OUT), gzipSync(labels, { level: 9 }));
  }
  console.log(`fashion-mnist-subset: wrote ${OUT.pathname} from ${dir}`);
}

/** Checks every file's decompressed SHA-256 and that each class has its share; returns the problems. */
function verify() {
  const problems = [];
  for (const part of PARTS) {
    for (const name of [part.images, part.labels]) {
      const file = new URL(`${name}.gz`, OUT);
      if (!existsSync(file)) {
        problems.push(`${name}.gz: missing`);
        continue;
      }
      const content = gunzipSync(readFileSync(file));
      const actual = sha256(content);
      if (values.record) manifest.files[`${name}.gz`] = actual;
      const expected = manifest.files[`${name}.gz`];
      if (actual !== expected)
        problems.push(`${name}.gz: expected decompressed SHA-256 ${expected}, got ${actual}`);
      if (name === part.labels) {
        const counts = new Array(CLASSES).fill(0);
        for (const label of content.subarray(8)) counts[label]++;
        if (counts.some((c) => c !== manifest[part.count]))
          problems.push(`${name}.gz: expected ${manifest[part.count]} per class, got ${counts.join(', ')}`);
      }
    }
  }
  return problems;
}

if (!values.check) generate();
const problems = verify();
if (values.record) writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
if (problems.length > 0) fail(`checksums do not match manifest.json:\n  ${problems.join('\n  ')}`);
console.log(
  `fashion-mnist-subset: ${Object.keys(manifest.files).length} files match the SHA-256 checksums of manifest.json ` +
    `(${manifest.perClass * CLASSES} training and ${manifest.testPerClass * CLASSES} test images, class-balanced)`,
);
