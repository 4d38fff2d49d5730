import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AppError, type Clock, type ObjectStorage, type StoredObjectInfo } from '@starter/contracts';
import { createSystemClock } from '../clock/system-clock.js';
import { assertValidObjectKey, assertValidObjectPrefix } from './object-key.js';
import { assertValidContentType, normalizePutObjectInput } from './put-object-input.js';
import { isS3ObjectMissing, s3StatusOf, toS3StorageError } from './s3-storage-error.js';
import { assertSignableMethod, assertValidExpiresIn, assertValidListLimit } from './storage-arguments.js';

export interface S3ObjectStorageOptions {
  bucket: string;
  /** Defaults to `us-east-1`. */
  region?: string;
  /** For S3-compatible servers (MinIO, R2, …); AWS itself needs none. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /** Both or neither; without them the AWS default credential chain applies. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Folder inside the bucket that holds every key, e.g. `agent-data`. */
  keyPrefix?: string;
  /** Keys asked for per ListObjectsV2 request, 1–1000 (S3's cap and the default). */
  listPageSize?: number;
  /** Upper bound for the health probe; defaults to 5 seconds. */
  healthTimeoutMs?: number;
  /** Signing time for presigned URLs; defaults to the system clock. */
  clock?: Clock;
}

const MAX_LIST_PAGE_SIZE = 1000;

/** Creates the production object storage on S3 or an S3-compatible server. */
export function createS3ObjectStorage(options: S3ObjectStorageOptions): ObjectStorage {
  const { bucket } = options;
  if (typeof bucket !== 'string' || bucket.length === 0) {
    throw new AppError('InternalServerError', 'S3 storage needs a bucket name.');
  }
  if ((options.accessKeyId === undefined) !== (options.secretAccessKey === undefined)) {
    throw new AppError(
      'InternalServerError',
      'S3 storage needs both an access key id and a secret, or neither.',
    );
  }
  const keyPrefix = normalizeKeyPrefix(options.keyPrefix);
  const healthTimeoutMs = options.healthTimeoutMs ?? 5000;
  const pageSize = options.listPageSize ?? MAX_LIST_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_LIST_PAGE_SIZE) {
    throw new AppError('InternalServerError', 'S3 storage list page size must be between 1 and 1000.');
  }
  const clock = options.clock ?? createSystemClock();

  const config: S3ClientConfig = {
    region: options.region ?? 'us-east-1',
    forcePathStyle: options.forcePathStyle ?? false,
    // Checksums only where S3 requires them: default CRC32 headers break presigned PUTs and many
    // S3-compatible servers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  if (options.accessKeyId !== undefined && options.secretAccessKey !== undefined) {
    config.credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
  }
  const client = new S3Client(config);
  let closed = false;

  const objectKey = (key: string) => `${keyPrefix}${assertValidObjectKey(key)}`;
  const run = async <T>(operation: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      throw toS3StorageError(operation, error);
    }
  };

  return {
    provider: 's3',

    async put(key, body, putOptions) {
      const Key = objectKey(key);
      const input = normalizePutObjectInput(body, putOptions);
      const output = await run('put', () =>
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key,
            Body: input.bytes,
            ContentLength: input.bytes.byteLength,
            ContentType: input.contentType,
            Metadata: input.metadata,
          }),
        ),
      );
      return {
        key,
        size: input.bytes.byteLength,
        contentType: input.contentType,
        etag: unquote(output.ETag),
        metadata: { ...input.metadata },
        // PutObject does not report the stored time; the local clock is within request latency of it.
        lastModified: clock.date(),
      };
    },

    async get(key) {
      const Key = objectKey(key);
      return run('get', async () => {
        try {
          const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
          const body =
            output.Body === undefined ? new Uint8Array() : await output.Body.transformToByteArray();
          return { ...describe(key, output, body.byteLength), body };
        } catch (error) {
          if (isS3ObjectMissing(error)) return null;
          throw error;
        }
      });
    },

    async head(key) {
      const Key = objectKey(key);
      return run('head', async () => {
        try {
          const output = await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
          return describe(key, output, output.ContentLength ?? 0);
        } catch (error) {
          if (isS3ObjectMissing(error)) return null;
          throw error;
        }
      });
    },

    async delete(key) {
      const Key = objectKey(key);
      await run('delete', () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key })));
    },

    async list(prefix, listOptions) {
      const Prefix = `${keyPrefix}${assertValidObjectPrefix(prefix)}`;
      const limit = assertValidListLimit(listOptions?.limit);
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const remaining = limit === undefined ? pageSize : Math.min(pageSize, limit - keys.length);
        const page = await run('list', () =>
          client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix,
              MaxKeys: remaining,
              ...(token === undefined ? {} : { ContinuationToken: token }),
            }),
          ),
        );
        for (const entry of page.Contents ?? []) {
          if (entry.Key?.startsWith(keyPrefix)) keys.push(entry.Key.slice(keyPrefix.length));
        }
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined && (limit === undefined || keys.length < limit));
      return limit === undefined ? keys : keys.slice(0, limit);
    },

    async signedUrl(key, signOptions) {
      const Key = objectKey(key);
      const method = assertSignableMethod(signOptions.method);
      const expiresIn = assertValidExpiresIn(signOptions.expiresInSeconds);
      if (signOptions.contentType !== undefined) assertValidContentType(signOptions.contentType);
      const command =
        method === 'GET'
          ? new GetObjectCommand({ Bucket: bucket, Key })
          : new PutObjectCommand({
              Bucket: bucket,
              Key,
              ...(signOptions.contentType === undefined ? {} : { ContentType: signOptions.contentType }),
            });
      // Signing content-type makes S3 refuse an upload that declares any other type.
      const signableHeaders =
        method === 'PUT' && signOptions.contentType !== undefined ? ['content-type'] : [];
      return run('sign', () =>
        getSignedUrl(client, command, {
          expiresIn,
          signingDate: clock.date(),
          signableHeaders: new Set(signableHeaders),
        }),
      );
    },

    async health() {
      const started = performance.now();
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }), {
          abortSignal: AbortSignal.timeout(healthTimeoutMs),
        });
        return { ok: true, provider: 's3', latencyMs: elapsedSince(started) };
      } catch (error) {
        const mapped = toS3StorageError('health', error);
        const reason = mapped.code === 'GatewayTimeout' ? 'timed out' : describeFailure(error);
        return {
          ok: false,
          provider: 's3',
          latencyMs: elapsedSince(started),
          detail: `HeadBucket ${reason}.`,
        };
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      client.destroy();
    },
  };
}

interface ObjectHeaders {
  ContentType?: string | undefined;
  ETag?: string | undefined;
  Metadata?: Record<string, string> | undefined;
  LastModified?: Date | undefined;
}

function describe(key: string, output: ObjectHeaders, size: number): StoredObjectInfo {
  return {
    key,
    size,
    contentType: output.ContentType ?? 'application/octet-stream',
    etag: unquote(output.ETag),
    metadata: { ...(output.Metadata ?? {}) },
    lastModified: output.LastModified ?? new Date(0),
  };
}

function unquote(etag: string | undefined): string {
  return (etag ?? '').replace(/^(?:W\/)?"(.*)"$/, '$1');
}

function normalizeKeyPrefix(keyPrefix: string | undefined): string {
  if (keyPrefix === undefined || keyPrefix === '') return '';
  const trimmed = keyPrefix.replace(/\/+$/, '');
  try {
    assertValidObjectKey(trimmed);
  } catch (cause) {
    throw new AppError('InternalServerError', 'S3 storage key prefix is not a valid key.', { cause });
  }
  return `${trimmed}/`;
}

function describeFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : 'UnknownError';
  const status = s3StatusOf(error);
  return status === undefined ? `failed (${name})` : `failed (${name}, HTTP ${status})`;
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
