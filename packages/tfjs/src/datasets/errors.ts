import { PenguinError } from '@penguin-nas/core';

/**
 * Errors of the dataset loader. Every message says what was expected, what was found and where
 * (the option path, or the file and byte offset).
 *
 * `code` is stable for programs; `kind` says which step failed.
 */
export type DatasetErrorKind =
  /** The options object is invalid (`dataset.trainSize: expected …, got …`). */
  | 'options'
  /** No copy of the dataset was found and none could be downloaded. */
  | 'not-found'
  /** A file exists but is not in the expected format (bad magic number, wrong size or shape, label out of range). */
  | 'format'
  /** A downloaded file's checksum differs from the recorded one. */
  | 'checksum'
  /** A download failed (network error, HTTP status). */
  | 'download';

export class DatasetError extends PenguinError {
  readonly kind: DatasetErrorKind;
  constructor(kind: DatasetErrorKind, message: string, options?: { cause?: unknown }) {
    super('DATASET_ERROR', message, options);
    this.name = 'DatasetError';
    this.kind = kind;
  }
}

/** A format error naming the file and what was expected there. */
export function formatError(file: string, detail: string): DatasetError {
  return new DatasetError('format', `${file}: ${detail}`);
}
