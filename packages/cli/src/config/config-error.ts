import { PenguinError } from '@penguin-nas/core';
import { type ConfigIssue, formatPath } from './issues.js';

/** The most characters one problem prints: a value echoed back must not flood the terminal. */
export const MAX_ISSUE_LENGTH = 1000;

/** `text` cut to `max` characters, saying how much was left out. */
export function clip(text: string, max = MAX_ISSUE_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

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
        const path = clip(formatPath(issue.path), 200);
        const message = clip(issue.message);
        return path === '' ? `${file}: ${message}` : `${file}: ${path}: ${message}`;
      })
      .join('\n');
  }
}
