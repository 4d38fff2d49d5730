import { type AddressInfo, createServer, type Socket } from 'node:net';
import { isAppError } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeObjectStorageConformance } from '../testing/object-storage-conformance.js';
import { type S3TestServer, startS3TestServer } from '../testing/s3-test-server.js';
import { createS3ObjectStorage, type S3ObjectStorageOptions } from './s3-object-storage.js';

const BUCKET = 'conformance-bucket';

describe('S3 object storage (s3rver)', () => {
  let server: S3TestServer;
  let run = 0;

  beforeAll(async () => {
    server = await startS3TestServer([BUCKET]);
  });

  afterAll(async () => {
    await server.close();
  });

  const optionsFor = (overrides: Partial<S3ObjectStorageOptions> = {}): S3ObjectStorageOptions => ({
    bucket: BUCKET,
    endpoint: server.endpoint,
    forcePathStyle: true,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    ...overrides,
  });

  // Each test gets its own key prefix, so the shared bucket starts empty for every one of them.
  describeObjectStorageConformance('s3', async ({ clock }) => {
    run += 1;
    const storage = createS3ObjectStorage(optionsFor({ keyPrefix: `run-${run}`, clock }));
    return { storage, cleanup: () => storage.close() };
  });

  it('keeps keys under the key prefix and hides it from callers', async () => {
    const scoped = createS3ObjectStorage(optionsFor({ keyPrefix: 'tenant-a/' }));
    const root = createS3ObjectStorage(optionsFor());
    await scoped.put('doc.txt', 'scoped');
    expect(await scoped.list('')).toEqual(['doc.txt']);
    expect(await root.list('tenant-a/')).toEqual(['tenant-a/doc.txt']);
    expect(new TextDecoder().decode((await root.get('tenant-a/doc.txt'))!.body)).toBe('scoped');
    expect(await scoped.signedUrl('doc.txt', { method: 'GET', expiresInSeconds: 60 })).toContain(
      `/${BUCKET}/tenant-a/doc.txt?`,
    );
    await scoped.close();
    await root.close();
  });

  it('pages through listings longer than one page, stopping at the limit', async () => {
    const storage = createS3ObjectStorage(optionsFor({ keyPrefix: 'paging', listPageSize: 2 }));
    const keys = ['p/e', 'p/a', 'p/d', 'p/b', 'p/c', 'q/z'];
    await Promise.all(keys.map((key) => storage.put(key, key)));
    expect(await storage.list('p/')).toEqual(['p/a', 'p/b', 'p/c', 'p/d', 'p/e']);
    expect(await storage.list('p/', { limit: 3 })).toEqual(['p/a', 'p/b', 'p/c']);
    expect(await storage.list('p/', { limit: 1 })).toEqual(['p/a']);
    expect(await storage.list('')).toHaveLength(6);
    await storage.close();
    expect(() => createS3ObjectStorage(optionsFor({ listPageSize: 1001 }))).toThrow(/page size/);
  });

  it('reports unhealthy, without throwing, for a missing bucket or an unreachable endpoint', async () => {
    const missing = createS3ObjectStorage(optionsFor({ bucket: 'no-such-bucket' }));
    const health = await missing.health();
    expect(health).toMatchObject({ ok: false, provider: 's3' });
    expect(health.detail).toMatch(/^HeadBucket failed/);
    await missing.close();

    const unreachable = createS3ObjectStorage(
      optionsFor({ endpoint: 'http://127.0.0.1:1', healthTimeoutMs: 2000 }),
    );
    const down = await unreachable.health();
    expect(down).toMatchObject({ ok: false, provider: 's3' });
    expect(down.latencyMs).toBeLessThan(5000);
    await unreachable.close();
  });

  it('bounds the health probe when the endpoint accepts but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const storage = createS3ObjectStorage(
      optionsFor({ endpoint: `http://127.0.0.1:${port}`, healthTimeoutMs: 300 }),
    );
    const started = Date.now();
    const health = await storage.health();
    expect(health).toMatchObject({ ok: false, provider: 's3', detail: 'HeadBucket timed out.' });
    expect(Date.now() - started).toBeLessThan(3000);
    await storage.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('maps S3 failures to BadGateway without leaking credentials', async () => {
    const secretAccessKey = 'super-secret-value-123';
    const wrong = createS3ObjectStorage(optionsFor({ secretAccessKey }));
    const error = await wrong.put('x', 'y').catch((caught: unknown) => caught);
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'BadGateway',
      status: 502,
      message: 'Object storage request failed.',
    });
    const visible = JSON.stringify({
      message: (error as Error).message,
      details: (error as { details: unknown }).details,
    });
    expect(visible).toContain('SignatureDoesNotMatch');
    expect(visible).not.toContain(secretAccessKey);
    expect(visible).not.toContain(server.endpoint);
    await expect(wrong.get('x')).rejects.toMatchObject({ code: 'BadGateway' });
    await wrong.close();

    const noBucket = createS3ObjectStorage(optionsFor({ bucket: 'no-such-bucket' }));
    await expect(noBucket.get('x')).rejects.toMatchObject({
      code: 'BadGateway',
      details: { error: 'NoSuchBucket' },
    });
    await noBucket.close();
  });

  it('validates its options', () => {
    expect(() => createS3ObjectStorage(optionsFor({ bucket: '' }))).toThrow(/bucket/);
    expect(() => createS3ObjectStorage({ bucket: BUCKET, accessKeyId: 'only-id' })).toThrow(/both/);
    expect(() => createS3ObjectStorage(optionsFor({ keyPrefix: '../up' }))).toThrow(/key prefix/);
  });
});
