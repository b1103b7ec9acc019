import type { DatasetName, ImageShape, RawDataset } from './types.js';

/** How a downloaded file is checked before anything is saved. */
export interface Checksum {
  readonly algorithm: 'sha256' | 'md5';
  /** `download`: the bytes as fetched; `decompressed`: the content after gunzip (robust to rewritten gzip headers). */
  readonly of: 'download' | 'decompressed';
  readonly hex: string;
}

/** One file to fetch when the dataset is downloaded. */
export interface RemoteFile {
  /** Mirrors, tried in order while they fail to answer. */
  readonly urls: readonly string[];
  /** Name under which the download is saved in the cache (unless `extract` is given). */
  readonly file: string;
  readonly checksum: Checksum;
  /** Size of the download in bytes, when known. */
  readonly bytes?: number;
  /** For a .tar.gz archive: the members to keep (flat in the cache directory), each with its size; the archive itself is not kept. */
  readonly extract?: readonly { readonly member: string; readonly file: string; readonly bytes: number }[];
}

/** A file the reader needs, with the names it is accepted under (first found wins). */
export interface RequiredFile {
  readonly key: string;
  readonly names: readonly string[];
}

export type LabelSet = 'fine' | 'coarse';

/** Everything `loadDataset` knows about one dataset. */
export interface DatasetSpec {
  readonly name: DatasetName;
  readonly title: string;
  readonly homepage: string;
  readonly shape: ImageShape;
  /** Subdirectories of a dataset directory that may hold the files ('' is the directory itself). */
  readonly subdirs: readonly string[];
  readonly files: readonly RequiredFile[];
  /** The Debian package that installs the files into /usr/share/datasets/<name>, if there is one. */
  readonly aptPackage?: string;
  readonly downloads: readonly RemoteFile[];
  /** Where a checksum or size could not be recorded with certainty, what is checked instead. */
  readonly verificationNote?: string;
  classNames(labels: LabelSet): readonly string[];
  /** Reads the files found (by `RequiredFile.key`) into the official train and test parts. */
  read(files: Readonly<Record<string, string>>, labels: LabelSet): Promise<RawDataset>;
}
