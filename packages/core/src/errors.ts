/** Stable codes for every error Penguin throws on purpose. */
export type PenguinErrorCode =
  | 'PLUGIN_ERROR'
  | 'SEARCHER_ERROR'
  | 'TRAINER_ERROR'
  | 'CONFIG_ERROR'
  | 'SPACE_ERROR'
  | 'CURVE_FILE_ERROR'
  | 'JOURNAL_ERROR'
  | 'HOOKS_FROZEN'
  | 'BUDGET_ERROR'
  | 'DATASET_ERROR'
  | 'LIFECYCLE_ERROR';

export class PenguinError extends Error {
  readonly code: PenguinErrorCode;
  constructor(code: PenguinErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PenguinError';
    this.code = code;
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}

/** A tap that threw or rejected: names the plugin and the hook; fails that trial only. */
export class PluginError extends PenguinError {
  readonly plugin: string;
  readonly hook: string;
  constructor(plugin: string, hook: string, cause: unknown) {
    super('PLUGIN_ERROR', `[${plugin}] ${hook} failed: ${describeCause(cause)}`, { cause });
    this.name = 'PluginError';
    this.plugin = plugin;
    this.hook = hook;
  }
}

/** A searcher's ask/tell/state/restore threw or returned something invalid. */
export class SearcherError extends PenguinError {
  readonly searcher: string;
  readonly method: string;
  constructor(searcher: string, method: string, detail: unknown) {
    super('SEARCHER_ERROR', `[searcher ${searcher}] ${method}: ${describeCause(detail)}`, { cause: detail });
    this.name = 'SearcherError';
    this.searcher = searcher;
    this.method = method;
  }
}

/** A trainer rejected or reported invalid logs. */
export class TrainerError extends PenguinError {
  readonly trainer: string;
  constructor(trainer: string, detail: unknown) {
    super('TRAINER_ERROR', `[trainer ${trainer}] ${describeCause(detail)}`, { cause: detail });
    this.name = 'TrainerError';
    this.trainer = trainer;
  }
}

export { describeCause };
