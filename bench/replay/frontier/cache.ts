import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PointScore } from './score.js';

/** What the cache file holds: the code the scores were replayed with (none in an older file), the scores by key. */
interface CacheFile {
  readonly code?: string;
  readonly scores: Record<string, PointScore>;
}

/**
 * A fingerprint of the code a replay runs: the contents of every `.ts` file under the given folders (sorted by
 * path), and of the given files, hashed. Any change of the predictor, the engine or the scoring changes it, so
 * scores replayed (or scored in another format) before cannot be read as if the current code had produced them.
 */
export function codeFingerprint(folders: readonly string[]): string {
  const hash = createHash('sha256');
  // Paths enter relative to their folder, so every checkout of the same code has the same fingerprint.
  const visit = (root: string, folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(root, path);
      else if (entry.name.endsWith('.ts'))
        hash.update(`${relative(root, path)}\n`).update(readFileSync(path));
    }
  };
  folders.forEach((folder, i) => {
    hash.update(`#${i}\n`);
    if (statSync(folder).isFile()) hash.update(`${basename(folder)}\n`).update(readFileSync(folder));
    else visit(folder, folder);
  });
  return hash.digest('hex').slice(0, 16);
}

/** The cache file, if there is one. */
function readCacheFile(file: string): CacheFile | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (typeof parsed.code === 'string' && typeof parsed.scores === 'object' && parsed.scores !== null)
    return { code: parsed.code, scores: parsed.scores as Record<string, PointScore> };
  // An older file (scores at the top level, no fingerprint) cannot be trusted for any code.
  return { scores: parsed as Record<string, PointScore> };
}

/**
 * Scores of finished replays, keyed by set, subset size, configuration (its name and its options) and seed, kept
 * in a JSON file so that a sweep resumes where it stopped and the tables can be rewritten without replaying. The
 * file records the code fingerprint it was replayed with: opened with another fingerprint it starts empty
 * (`dropped` says how many scores were left behind), so a changed predictor is always replayed again.
 */
export class ScoreCache {
  private readonly scores: Record<string, PointScore>;
  /** Scores in the file that another version of the code replayed, not used. */
  readonly dropped: number;

  constructor(
    private readonly file: string,
    private readonly code = 'unversioned',
  ) {
    const saved = readCacheFile(file);
    const same = saved !== undefined && saved.code === code;
    this.scores = same ? { ...saved.scores } : {};
    this.dropped = same || saved === undefined ? 0 : Object.keys(saved.scores).length;
  }

  static key(set: string, limit: number | undefined, name: string, options: unknown, seed: number): string {
    return `${set}|${limit ?? 'all'}|${name}|${JSON.stringify(options)}|${seed}`;
  }

  get(key: string): PointScore | undefined {
    return this.scores[key];
  }

  set(key: string, score: PointScore): void {
    this.scores[key] = score;
  }

  /** Writes the scores, merged with what another sweep of the same code saved to the same file meanwhile. */
  save(): void {
    const saved = readCacheFile(this.file);
    if (saved !== undefined && saved.code === this.code)
      Object.assign(this.scores, { ...saved.scores, ...this.scores });
    const sorted = Object.fromEntries(Object.entries(this.scores).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(this.file, `${JSON.stringify({ code: this.code, scores: sorted }, null, 1)}\n`);
  }
}

/**
 * The fingerprint of the code every replay here runs and scores: the predictor's and the engine's sources, and
 * `score.ts` (a new figure in `PointScore` makes every saved score incomplete).
 */
export function replayedCode(): string {
  const root = new URL('../../../packages/', import.meta.url);
  return codeFingerprint([
    ...['predictor/src', 'core/src'].map((p) => fileURLToPath(new URL(p, root))),
    fileURLToPath(new URL('./score.ts', import.meta.url)),
  ]);
}
