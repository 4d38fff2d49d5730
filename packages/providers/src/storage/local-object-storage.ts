import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock, HealthStatus, ObjectStorage, StoredObjectInfo } from '@starter/contracts';
import { createSystemClock } from '../clock/system-clock.js';
import {
  deleteObjectFiles,
  errnoCode,
  etagOf,
  readObject,
  readObjectInfo,
  toLocalStorageError,
  writeObjectFiles,
} from './local-object-files.js';
import { listLocalKeys } from './local-object-listing.js';
import { resolveObjectPaths, tempPathFor } from './local-object-paths.js';
import { createLocalUrlSigner, type VerifiedSignedUrl } from './local-url-signer.js';
import { assertValidObjectKey, assertValidObjectPrefix } from './object-key.js';
import { assertValidContentType, normalizePutObjectInput } from './put-object-input.js';
import { assertValidListLimit } from './storage-arguments.js';

export interface LocalObjectStorageOptions {
  /** Folder that holds the objects; created on first write. */
  rootDir: string;
  /** Public URL of the app, which serves `/storage/local/*` by calling `verifySignedUrl`. */
  publicBaseUrl: string;
  /** HMAC key for signed URLs; at least 16 characters. */
  signingSecret: string;
  clock?: Clock;
}

/** Object storage on the local filesystem, with signed URLs that the app itself serves. */
export interface LocalObjectStorage extends ObjectStorage {
  readonly provider: 'local';
  /** What a signed URL grants for this method, or null when it is tampered, expired or for another method. */
  verifySignedUrl(url: string | URL, method: 'GET' | 'PUT'): VerifiedSignedUrl | null;
}

/** Creates the embedded object storage: one file per object plus a metadata sidecar, written atomically. */
export function createLocalObjectStorage(options: LocalObjectStorageOptions): LocalObjectStorage {
  const rootDir = path.resolve(options.rootDir);
  const clock = options.clock ?? createSystemClock();
  const signer = createLocalUrlSigner({
    publicBaseUrl: options.publicBaseUrl,
    signingSecret: options.signingSecret,
    clock,
  });
  const pathsFor = (key: string) => resolveObjectPaths(rootDir, assertValidObjectKey(key));

  return {
    provider: 'local',

    async put(key, body, putOptions) {
      const paths = pathsFor(key);
      const input = normalizePutObjectInput(body, putOptions);
      const info: StoredObjectInfo = {
        key,
        size: input.bytes.byteLength,
        contentType: input.contentType,
        etag: etagOf(input.bytes),
        metadata: input.metadata,
        lastModified: clock.date(),
      };
      try {
        await writeObjectFiles(paths, input.bytes, info);
      } catch (error) {
        // A concurrent delete may prune the folder between mkdir and write; one retry settles it.
        if (errnoCode(error) !== 'ENOENT') throw toLocalStorageError(error);
        await writeObjectFiles(paths, input.bytes, info).catch((retryError: unknown) => {
          throw toLocalStorageError(retryError);
        });
      }
      return { ...info, metadata: { ...info.metadata } };
    },

    async get(key) {
      const paths = pathsFor(key);
      return readObject(paths, key).catch((error: unknown) => {
        throw toLocalStorageError(error);
      });
    },

    async head(key) {
      const paths = pathsFor(key);
      return readObjectInfo(paths, key).catch((error: unknown) => {
        throw toLocalStorageError(error);
      });
    },

    async delete(key) {
      const paths = pathsFor(key);
      await deleteObjectFiles(rootDir, paths).catch((error: unknown) => {
        throw toLocalStorageError(error);
      });
    },

    async list(prefix, listOptions) {
      assertValidObjectPrefix(prefix);
      const limit = assertValidListLimit(listOptions?.limit);
      return listLocalKeys(rootDir, prefix, limit).catch((error: unknown) => {
        throw toLocalStorageError(error);
      });
    },

    async signedUrl(key, signOptions) {
      pathsFor(key);
      if (signOptions.contentType !== undefined) assertValidContentType(signOptions.contentType);
      return signer.sign(key, signOptions);
    },

    verifySignedUrl(url, method) {
      const verified = signer.verify(url, method);
      if (verified === null) return null;
      try {
        pathsFor(verified.key);
      } catch {
        return null;
      }
      return verified;
    },

    async health() {
      const started = performance.now();
      const probe = tempPathFor(path.join(rootDir, '.health'));
      try {
        await mkdir(rootDir, { recursive: true });
        await writeFile(probe, 'ok');
        await unlink(probe);
        return { ok: true, provider: 'local', latencyMs: elapsedSince(started) } satisfies HealthStatus;
      } catch (error) {
        await unlink(probe).catch(() => undefined);
        const code = errnoCode(error) ?? 'unknown error';
        return {
          ok: false,
          provider: 'local',
          latencyMs: elapsedSince(started),
          detail: `Storage folder is not writable (${code}).`,
        } satisfies HealthStatus;
      }
    },

    async close() {
      // Nothing is held open between calls.
    },
  };
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
