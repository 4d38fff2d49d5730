import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '@starter/contracts';
import type { KeysetStore } from './keyset-store.js';
import { parseKeyset } from './parse-keyset.js';

export interface FileKeysetStoreOptions {
  /** Path of the keyset JSON file, e.g. `var/keys/keyset.json`. */
  path: string;
}

/** A keyset store backed by one JSON file, written atomically (temp file + rename) with mode 0600. */
export function createFileKeysetStore(options: FileKeysetStoreOptions): KeysetStore {
  const { path } = options;
  if (path.trim() === '') throw new TypeError('createFileKeysetStore: path must not be empty');

  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        // No cause: a JSON syntax error message quotes part of the file, i.e. private key material.
        throw new AppError('InternalServerError', 'Signing keyset is invalid.', {
          details: { source: 'file', paths: ['(json)'] },
        });
      }
      return parseKeyset(raw, 'file');
    },

    async save(keyset) {
      const valid = parseKeyset(keyset, 'file');
      const directory = dirname(path);
      await mkdir(directory, { recursive: true, mode: 0o700 });
      // Same directory as the target so rename stays on one filesystem and is atomic.
      const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
        // writeFile's mode is filtered by the umask; chmod makes 0600 exact.
        await chmod(temp, 0o600);
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
  };
}
