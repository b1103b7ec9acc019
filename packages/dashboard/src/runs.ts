import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EVENTS_FILE, PenguinError } from '@penguin-nas/core';
import { RunSource } from './run-source.js';

/**
 * The runs under a root: the root itself when it is a run directory, else each sub-directory holding a journal
 * (looked for again on every `scan`, so runs started later appear). Runs are addressed by name only, never by a
 * path taken from a request.
 */
export class RunCatalog {
  private readonly sources = new Map<string, RunSource>();
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    if (!existsSync(this.root))
      throw new PenguinError(
        'JOURNAL_ERROR',
        `${this.root}: no such directory; expected a run directory or a folder of runs`,
      );
    this.scan();
  }

  /** Finds new runs and reads what every run's journal gained; returns whether anything changed. */
  scan(): boolean {
    let changed = false;
    for (const [name, dir] of this.discover()) {
      if (!this.sources.has(name)) {
        this.sources.set(name, new RunSource(name, dir));
        changed = true;
      }
    }
    for (const source of this.sources.values()) changed = source.refresh() || changed;
    return changed;
  }

  get(name: string): RunSource | undefined {
    return this.sources.get(name);
  }

  all(): RunSource[] {
    return [...this.sources.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private discover(): [string, string][] {
    if (existsSync(join(this.root, EVENTS_FILE))) return [[basename(this.root), this.root]];
    let entries: string[];
    try {
      entries = readdirSync(this.root, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return [];
    }
    return entries
      .filter((name) => existsSync(join(this.root, name, EVENTS_FILE)))
      .map((name) => [name, join(this.root, name)]);
  }
}
