import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { PointScore } from './score.js';

/**
 * Scores of finished replays, keyed by set, subset size, configuration (its name and its options) and seed, kept
 * in a JSON file so that a sweep resumes where it stopped and the tables can be rewritten without replaying.
 */
export class ScoreCache {
  private readonly scores: Record<string, PointScore>;

  constructor(private readonly file: string) {
    this.scores = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, PointScore>)
      : {};
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

  /** Writes the scores, merged with what another sweep saved to the same file meanwhile. */
  save(): void {
    const saved = existsSync(this.file)
      ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, PointScore>)
      : {};
    Object.assign(this.scores, { ...saved, ...this.scores });
    const sorted = Object.fromEntries(Object.entries(this.scores).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(this.file, `${JSON.stringify(sorted, null, 1)}\n`);
  }
}
