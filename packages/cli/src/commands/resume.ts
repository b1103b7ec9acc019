import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE, PenguinError, parseJson } from '@penguin-nas/core';
import { changedKeys } from '../config/config-diff.js';
import { loadConfig, parseConfig } from '../config/load.js';
import { isRunConfigSnapshot, type RunConfigSnapshot, toJsonConfig } from '../config/snapshot.js';
import { RegistryLoader } from '../registry/sources.js';
import { createQueueExecutor, queueSection } from '../run/queue-run.js';
import { resolveRun } from '../run/resolve.js';
import { displayPath } from './display-path.js';
import { executeRun } from './execute.js';
import type { CliIO } from './io.js';

export interface ResumeCommandOptions {
  readonly json?: boolean;
  /** The Redis of a distributed run, with its password (config.json keeps it redacted). */
  readonly redis?: string;
  readonly loader?: RegistryLoader;
}

/** Reads the config snapshot `penguin run` left in a run directory. */
export function readRunSnapshot(dir: string): RunConfigSnapshot {
  const file = join(dir, CONFIG_FILE);
  let value: unknown;
  try {
    value = parseJson(readFileSync(file, 'utf8'));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${dir}: expected a run directory written by \`penguin run\` (with ${CONFIG_FILE}), ` +
        (code === 'ENOENT'
          ? `found no ${CONFIG_FILE}`
          : `cannot read ${CONFIG_FILE} (${code ?? (cause as Error).message})`),
      { cause },
    );
  }
  if (!isRunConfigSnapshot(value)) {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${file}: expected the config snapshot of \`penguin run\` ({ penguin: { version: 1, configFile, config, … } }), found something else; was this run started by the API?`,
    );
  }
  return value;
}

/**
 * A config with objects (`.mjs`, `.ts`) is loaded again on resume; if it changed since the run started (another
 * `maxEpochs`, budget or searcher), continuing would mix two runs, so resume refuses and names the keys.
 */
function refuseChangedConfig(started: unknown, raw: unknown, label: string, dir: string, cwd: string): void {
  const changed = changedKeys(started, toJsonConfig(raw).json);
  if (changed.length === 0) return;
  throw new PenguinError(
    'CONFIG_ERROR',
    `${label}: changed since the run in ${displayPath(dir, cwd)} started (${changed.join(', ')}); resuming would ` +
      `mix two configs in one run. Restore those keys to resume it, or start a new run with penguin run`,
  );
}

/** `penguin resume <dir>`: rebuild the run from its config snapshot and journal, and continue it. */
export async function resumeCommand(
  dirArgument: string,
  options: ResumeCommandOptions,
  io: CliIO,
): Promise<number> {
  const dir = resolve(io.cwd, dirArgument);
  const snapshot = readRunSnapshot(dir).penguin;
  if (snapshot.needsConfigFile && !existsSync(snapshot.configFile)) {
    throw new PenguinError(
      'JOURNAL_ERROR',
      `${displayPath(join(dir, CONFIG_FILE), io.cwd)}: the run's config passed objects (a searcher, trainer or plugin), so resume loads it again from ${snapshot.configFile}, but that file is gone; put it back to resume`,
    );
  }
  const loaded = snapshot.needsConfigFile
    ? await loadConfig({ cwd: io.cwd, file: snapshot.configFile })
    : parseConfig(snapshot.config, {
        file: snapshot.configFile,
        label: `${displayPath(join(dir, CONFIG_FILE), io.cwd)}`,
      });
  if (snapshot.needsConfigFile) refuseChangedConfig(snapshot.config, loaded.raw, loaded.label, dir, io.cwd);
  const run = await resolveRun(loaded, options.loader ?? new RegistryLoader(), { seed: snapshot.seed });
  if (!options.json) io.stdout.write(`penguin: resuming ${displayPath(dir, io.cwd)} (seed ${run.seed})\n`);
  const queue = queueSection(loaded, options.redis);
  const executor =
    queue &&
    (await createQueueExecutor(loaded, queue, { dir, seed: run.seed, concurrency: run.concurrency }, (line) =>
      io.stderr.write(`penguin: ${line}\n`),
    ));
  return executeRun(
    run,
    {
      dir,
      shownDir: displayPath(dir, io.cwd),
      json: options.json === true,
      resume: true,
      ...(executor ? { executor } : {}),
    },
    io,
  );
}
