import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetError, formatError } from './errors.js';
import { gunzipIfNeeded } from './gzip.js';
import type { DatasetEnvironment, FetchLike } from './options.js';
import type { DatasetSpec, RemoteFile } from './spec.js';
import { readTarMembers } from './tar.js';

/** A generous limit per file: slow links still finish, a dead connection does not hang a run forever. */
const DOWNLOAD_TIMEOUT_MS = 30 * 60_000;

const defaultFetch: FetchLike = (url, init) =>
  fetch(url, { signal: init?.signal ?? AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });

/** Fetches the first mirror that answers; a `download` error lists every mirror tried and why it failed. */
async function fetchFirst(
  remote: RemoteFile,
  fetchImpl: FetchLike,
): Promise<{ url: string; bytes: Uint8Array }> {
  const failures: string[] = [];
  for (const url of remote.urls) {
    try {
      const response = await fetchImpl(url);
      if (!response.ok) {
        failures.push(
          `${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        );
        continue;
      }
      return { url, bytes: new Uint8Array(await response.arrayBuffer()) };
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      failures.push(`${url}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`);
    }
  }
  throw new DatasetError('download', `could not download ${remote.file}: ${failures.join('; ')}`);
}

function digest(algorithm: 'sha256' | 'md5', bytes: Uint8Array): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

/** Throws a `checksum` error unless the download has the recorded size and checksum. */
export function verifyDownload(
  datasetName: string,
  remote: RemoteFile,
  url: string,
  bytes: Uint8Array,
): void {
  const where = `${datasetName}: ${remote.file} downloaded from ${url}`;
  if (remote.bytes !== undefined && bytes.length !== remote.bytes) {
    throw new DatasetError(
      'checksum',
      `${where}: expected ${remote.bytes} bytes, got ${bytes.length}; nothing was saved for this file`,
    );
  }
  const { algorithm, of, hex } = remote.checksum;
  const content = of === 'decompressed' ? gunzipIfNeeded(bytes, `${remote.file} from ${url}`) : bytes;
  const actual = digest(algorithm, content);
  if (actual !== hex) {
    throw new DatasetError(
      'checksum',
      `${where}: checksum mismatch: expected ${algorithm === 'md5' ? 'MD5' : 'SHA-256'} ${hex} of the ${
        of === 'decompressed' ? 'decompressed content' : 'downloaded file'
      }, got ${actual}; nothing was saved for this file`,
    );
  }
}

async function saveAtomically(dir: string, file: string, bytes: Uint8Array): Promise<void> {
  const target = join(dir, file);
  const partial = `${target}.part-${process.pid}`;
  await writeFile(partial, bytes);
  await rename(partial, target);
}

/** The files a remote leaves in the cache directory. */
function outputsOf(remote: RemoteFile): string[] {
  return remote.extract ? remote.extract.map((member) => member.file) : [remote.file];
}

/**
 * Downloads every file of the dataset that `dir` lacks, verifies each one before saving it, and unpacks
 * archives. Files already present are kept, so an interrupted download resumes file by file.
 */
export async function downloadDataset(
  spec: DatasetSpec,
  dir: string,
  environment: DatasetEnvironment,
): Promise<void> {
  const fetchImpl = environment.fetch ?? defaultFetch;
  const log = environment.log ?? (() => {});
  await mkdir(dir, { recursive: true });
  for (const remote of spec.downloads) {
    if (outputsOf(remote).every((file) => existsSync(join(dir, file)))) continue;
    log(`${spec.name}: downloading ${remote.file}`);
    const { url, bytes } = await fetchFirst(remote, fetchImpl);
    verifyDownload(spec.name, remote, url, bytes);
    if (!remote.extract) {
      await saveAtomically(dir, remote.file, bytes);
      continue;
    }
    const archiveName = `${remote.file} from ${url}`;
    const members = readTarMembers(
      gunzipIfNeeded(bytes, archiveName),
      archiveName,
      remote.extract.map((m) => m.member),
    );
    for (const { member, file, bytes: size } of remote.extract) {
      const data = members.get(member);
      if (!data) throw formatError(archiveName, `expected an archive member '${member}', found none`);
      if (data.length !== size) {
        throw formatError(archiveName, `member '${member}': expected ${size} bytes, got ${data.length}`);
      }
      await saveAtomically(dir, file, data);
    }
  }
  log(`${spec.name}: saved in ${dir}`);
}
