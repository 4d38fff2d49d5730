import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isMissingError } from './local-object-files.js';
import { isInternalName, keyPrefixForDir } from './local-object-paths.js';
import { assertValidObjectKey } from './object-key.js';

/** Keys under a validated prefix, in UTF-8 byte order (as S3 lists them), skipping sidecars and temp files. */
export async function listLocalKeys(rootDir: string, prefix: string, limit?: number): Promise<string[]> {
  const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  const startDir = folder === '' ? rootDir : path.resolve(rootDir, ...folder.slice(0, -1).split('/'));
  if (startDir !== rootDir && !startDir.startsWith(rootDir + path.sep)) return [];

  const keys: string[] = [];
  await walk(rootDir, startDir, prefix, keys);
  keys.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  return limit === undefined ? keys : keys.slice(0, limit);
}

async function walk(rootDir: string, dir: string, prefix: string, keys: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    // The folder vanished under us (a concurrent delete pruned it) or never existed.
    if (isMissingError(error)) return;
    throw error;
  }
  const dirPrefix = keyPrefixForDir(rootDir, dir);
  for (const entry of entries) {
    if (isInternalName(entry.name)) continue;
    const key = `${dirPrefix}${entry.name}`;
    // Symlinks are neither files nor directories here, so nothing outside the root is ever reached.
    if (entry.isDirectory()) {
      const childPrefix = `${key}/`;
      if (childPrefix.startsWith(prefix) || prefix.startsWith(childPrefix)) {
        await walk(rootDir, path.join(dir, entry.name), prefix, keys);
      }
    } else if (entry.isFile() && key.startsWith(prefix) && isListableKey(key)) {
      keys.push(key);
    }
  }
}

// Files placed by hand may have names no key could have; they are not objects.
function isListableKey(key: string): boolean {
  try {
    assertValidObjectKey(key);
    return true;
  } catch {
    return false;
  }
}
