import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, type StoredObject, type StoredObjectInfo } from '@starter/contracts';
import { type LocalObjectPaths, tempPathFor } from './local-object-paths.js';

/** What the sidecar file records about one object. */
interface SidecarV1 {
  version: 1;
  contentType: string;
  metadata: Record<string, string>;
  etag: string;
  size: number;
  lastModified: string;
}

/** The etag both local writes and sidecar-less reads use: the SHA-256 of the body, in hex. */
export function etagOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Errno codes meaning "no object here": missing, or the path crosses or names a directory. */
export function isMissingError(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/** The `code` of a Node system error, if any. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Maps a filesystem failure to an `AppError` whose message names no path. */
export function toLocalStorageError(error: unknown): AppError {
  const code = errnoCode(error);
  if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
    return new AppError('Conflict', 'Object key conflicts with an existing object or folder.', {
      cause: error,
    });
  }
  if (code === 'ENAMETOOLONG') {
    return new AppError('BadRequest', 'Object key is too long for local storage.', { cause: error });
  }
  return new AppError('InternalServerError', 'Local object storage failed.', {
    cause: error,
    ...(code === undefined ? {} : { details: { code } }),
  });
}

/**
 * Writes body and sidecar to temp files in the target folder, then renames each into place, so readers
 * never see a half-written file.
 */
export async function writeObjectFiles(paths: LocalObjectPaths, bytes: Uint8Array, info: StoredObjectInfo) {
  const sidecar: SidecarV1 = {
    version: 1,
    contentType: info.contentType,
    metadata: info.metadata,
    etag: info.etag,
    size: info.size,
    lastModified: info.lastModified.toISOString(),
  };
  const bodyTemp = tempPathFor(paths.file);
  const metaTemp = tempPathFor(paths.meta);
  try {
    await mkdir(paths.dir, { recursive: true });
    await writeFile(bodyTemp, bytes);
    await writeFile(metaTemp, JSON.stringify(sidecar));
    await rename(bodyTemp, paths.file);
    await rename(metaTemp, paths.meta);
  } catch (error) {
    await Promise.all([bodyTemp, metaTemp].map((file) => unlink(file).catch(() => undefined)));
    throw error;
  }
}

/** The stored info for a key, or null when its body file is absent. */
export async function readObjectInfo(paths: LocalObjectPaths, key: string): Promise<StoredObjectInfo | null> {
  let stats: Stats;
  try {
    stats = await stat(paths.file);
  } catch (error) {
    if (isMissingError(error)) return null;
    throw error;
  }
  if (!stats.isFile()) return null;
  const sidecar = await readSidecar(paths.meta);
  if (sidecar !== null && sidecar.size === stats.size) return infoFromSidecar(key, sidecar);
  const bytes = await readFile(paths.file);
  return describeBody(key, bytes, stats.mtime);
}

/** The object with its info, or null when its body file is absent. */
export async function readObject(paths: LocalObjectPaths, key: string): Promise<StoredObject | null> {
  let buffer: Buffer;
  try {
    buffer = await readFile(paths.file);
  } catch (error) {
    if (isMissingError(error)) return null;
    throw error;
  }
  const body = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const sidecar = await readSidecar(paths.meta);
  // The etag check catches a body and sidecar from two different overwrites racing this read.
  if (sidecar !== null && sidecar.etag === etagOf(body)) return { ...infoFromSidecar(key, sidecar), body };
  const mtime = await stat(paths.file).then(
    (stats) => stats.mtime,
    () => new Date(0),
  );
  return { ...describeBody(key, body, mtime), body };
}

function infoFromSidecar(key: string, sidecar: SidecarV1): StoredObjectInfo {
  return {
    key,
    size: sidecar.size,
    contentType: sidecar.contentType,
    etag: sidecar.etag,
    metadata: { ...sidecar.metadata },
    lastModified: new Date(sidecar.lastModified),
  };
}

// A file dropped in by hand (or left by a torn write): describe it from the body itself.
function describeBody(key: string, body: Uint8Array, mtime: Date): StoredObjectInfo {
  return {
    key,
    size: body.byteLength,
    contentType: 'application/octet-stream',
    etag: etagOf(body),
    metadata: {},
    lastModified: mtime,
  };
}

/** Deletes body and sidecar, then prunes folders the deletion left empty, up to (not including) the root. */
export async function deleteObjectFiles(rootDir: string, paths: LocalObjectPaths): Promise<void> {
  for (const file of [paths.file, paths.meta]) {
    try {
      await unlink(file);
    } catch (error) {
      if (!isMissingError(error) && errnoCode(error) !== 'EPERM') throw error;
    }
  }
  let dir = paths.dir;
  while (dir !== rootDir && dir.startsWith(rootDir + path.sep)) {
    try {
      await rmdir(dir);
    } catch {
      // Not empty (or already gone): the folders above are not empty either.
      return;
    }
    dir = path.dirname(dir);
  }
}

async function readSidecar(file: string): Promise<SidecarV1 | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingError(error)) return null;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<SidecarV1>;
    const valid =
      value.version === 1 &&
      typeof value.contentType === 'string' &&
      typeof value.etag === 'string' &&
      typeof value.size === 'number' &&
      typeof value.lastModified === 'string' &&
      typeof value.metadata === 'object' &&
      value.metadata !== null;
    return valid ? (value as SidecarV1) : null;
  } catch {
    return null;
  }
}
