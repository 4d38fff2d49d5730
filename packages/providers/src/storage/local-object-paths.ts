import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '@starter/contracts';

// Sidecars and in-flight temp files live next to the objects, so their names are reserved: a key segment
// ending like one would collide with them, and `list` skips them.
const META_SUFFIX = '.~meta';
const TEMP_MARKER = '.~tmp-';
const INTERNAL_NAME = /\.~(?:meta|tmp-[0-9a-f]+)$/;
// Leaves room under the usual 255-byte file name limit for the sidecar and temp suffixes.
const MAX_SEGMENT_BYTES = 200;

/** Where one object's body and metadata sidecar live on disk. */
export interface LocalObjectPaths {
  file: string;
  meta: string;
  dir: string;
}

/** True for the sidecar and temp file names that `list` must hide. */
export function isInternalName(name: string): boolean {
  return INTERNAL_NAME.test(name);
}

/** A unique temp file name next to `file`, for write-then-rename. */
export function tempPathFor(file: string): string {
  return `${file}${TEMP_MARKER}${randomBytes(8).toString('hex')}`;
}

/**
 * Maps an already-validated key to paths under `rootDir`, rejecting reserved or over-long segments, and
 * re-checks the resolved path so that nothing can land outside the root.
 */
export function resolveObjectPaths(rootDir: string, key: string): LocalObjectPaths {
  for (const segment of key.split('/')) {
    if (isInternalName(segment)) {
      throw new AppError('BadRequest', 'Object key uses a name reserved by local storage.');
    }
    if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) {
      throw new AppError(
        'BadRequest',
        `Object key segments must be at most ${MAX_SEGMENT_BYTES} bytes in local storage.`,
      );
    }
  }
  const file = path.resolve(rootDir, ...key.split('/'));
  if (!file.startsWith(rootDir + path.sep)) {
    throw new AppError('BadRequest', 'Object key resolves outside the storage root.');
  }
  return { file, meta: `${file}${META_SUFFIX}`, dir: path.dirname(file) };
}

/** Maps a directory path under `rootDir` back to the key prefix it holds (`''` for the root). */
export function keyPrefixForDir(rootDir: string, dir: string): string {
  const relative = path.relative(rootDir, dir);
  return relative === '' ? '' : `${relative.split(path.sep).join('/')}/`;
}
