import { createLocalObjectStorage } from '@starter/providers';
import { createManualClock } from '@starter/providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';

/** The path and query of a signed URL, as a client would request it from this app. */
function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

describe('local storage signed URLs', () => {
  let deps: TestDependencies;

  beforeAll(async () => {
    deps = await createTestDependencies();
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('stores a PUT and serves it back on GET', async () => {
    const app = createApp(deps);
    const key = 'tenant-1/files/report v1.txt';
    const putUrl = await deps.storage.signedUrl(key, {
      method: 'PUT',
      expiresInSeconds: 60,
      contentType: 'text/plain',
    });
    const put = await app.request(pathOf(putUrl), {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello storage',
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ key, size: 13, content_type: 'text/plain' });

    const getUrl = await deps.storage.signedUrl(key, { method: 'GET', expiresInSeconds: 60 });
    const get = await app.request(pathOf(getUrl));
    expect(get.status).toBe(200);
    expect(get.headers.get('Content-Type')).toBe('text/plain');
    expect(await get.text()).toBe('hello storage');
  });

  it('refuses a tampered signature, a swapped method, and a wrong content type with 403', async () => {
    const app = createApp(deps);
    await deps.storage.put('tenant-1/secret.txt', 'secret');
    const getUrl = new URL(
      await deps.storage.signedUrl('tenant-1/secret.txt', { method: 'GET', expiresInSeconds: 60 }),
    );

    const tamperedKey = pathOf(getUrl.toString()).replace('secret.txt', 'other.txt');
    const signature = getUrl.searchParams.get('signature') ?? '';
    getUrl.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    for (const path of [tamperedKey, pathOf(getUrl.toString())]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(403);
      expect(await response.json()).toMatchObject({ success: false, error: 'Forbidden' });
    }

    const putUrl = await deps.storage.signedUrl('tenant-1/upload.png', {
      method: 'PUT',
      expiresInSeconds: 60,
      contentType: 'image/png',
    });
    expect((await app.request(pathOf(putUrl))).status).toBe(403);
    const wrongType = await app.request(pathOf(putUrl), {
      method: 'PUT',
      headers: { 'Content-Type': 'text/html' },
      body: '<script></script>',
    });
    expect(wrongType.status).toBe(403);
    expect(await deps.storage.head('tenant-1/upload.png')).toBeNull();
  });

  it('accepts signed uploads up to the storage limit while other routes keep the request body limit', async () => {
    const app = createApp(deps);
    const body = new Uint8Array(deps.settings.maxRequestBodyBytes + 1024).fill(7);
    const putUrl = await deps.storage.signedUrl('tenant-1/large.bin', {
      method: 'PUT',
      expiresInSeconds: 60,
      contentType: 'application/octet-stream',
    });
    const put = await app.request(pathOf(putUrl), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.byteLength) },
      body,
    });
    expect(put.status).toBe(200);
    expect((await deps.storage.head('tenant-1/large.bin'))?.size).toBe(body.byteLength);

    const elsewhere = await app.request('/health', {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.byteLength) },
      body,
    });
    expect(elsewhere.status).toBe(413);
    expect(await elsewhere.json()).toMatchObject({ success: false, error: 'PayloadTooLarge' });
  });

  it('answers 404 for a validly signed URL of a missing object', async () => {
    const url = await deps.storage.signedUrl('tenant-1/missing.bin', { method: 'GET', expiresInSeconds: 60 });
    const response = await createApp(deps).request(pathOf(url));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ success: false, error: 'NotFound' });
  });

  it('revalidates with the quoted ETag', async () => {
    const app = createApp(deps);
    await deps.storage.put('tenant-1/cached.txt', 'cached', { contentType: 'text/plain' });
    const url = pathOf(
      await deps.storage.signedUrl('tenant-1/cached.txt', { method: 'GET', expiresInSeconds: 60 }),
    );
    const etag = (await app.request(url)).headers.get('ETag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect((await app.request(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('refuses a URL once it has expired', async () => {
    const clock = createManualClock();
    const storage = createLocalObjectStorage({
      rootDir: deps.settings.storage.localPath,
      publicBaseUrl: deps.settings.apiPublicUrl,
      signingSecret: deps.settings.storage.signingSecret,
      clock,
    });
    const app = createApp({ ...deps, storage, localStorage: storage });
    const url = pathOf(
      await storage.signedUrl('tenant-1/expiring.txt', { method: 'PUT', expiresInSeconds: 60 }),
    );
    clock.advance(61_000);
    const response = await app.request(url, { method: 'PUT', body: 'late' });
    expect(response.status).toBe(403);
  });
});
