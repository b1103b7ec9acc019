import { PenguinError } from '@penguin-nas/core';
import { type ConfigIssue, formatPath } from './issues.js';

/**
 * Every problem of a config at once. The message has one line per issue, each naming the file and the key path:
 * `penguin.config.json: budget.trialz: unknown key; did you mean 'trials'?`.
 */
export class ConfigError extends PenguinError {
  readonly file: string;
  readonly issues: readonly ConfigIssue[];
  constructor(file: string, issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    super('CONFIG_ERROR', ConfigError.format(file, issues), options);
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }

  static format(file: string, issues: readonly ConfigIssue[]): string {
    return issues
      .map((issue) => {
        const path = formatPath(issue.path);
        return path === '' ? `${file}: ${issue.message}` : `${file}: ${path}: ${issue.message}`;
      })
      .join('\n');
  }
}
