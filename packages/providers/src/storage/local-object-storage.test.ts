import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '@starter/contracts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeObjectStorageConformance } from '../testing/object-storage-conformance.js';
import { createLocalObjectStorage, type LocalObjectStorage } from './local-object-storage.js';

const SECRET = 'local-signing-secret-for-tests';

// Stands in for the app's `/storage/local/*` route: everything it grants comes from verifySignedUrl.
async function serveSigned(storage: LocalObjectStorage, req: IncomingMessage, res: ServerResponse) {
  const method = req.method === 'GET' || req.method === 'PUT' ? req.method : null;
  const verified = method === null ? null : storage.verifySignedUrl(req.url ?? '', method);
  const contentType = req.headers['content-type'];
  if (verified === null || (verified.contentType !== undefined && contentType !== verified.contentType)) {
    res.writeHead(403).end();
    return;
  }
  if (method === 'GET') {
    const object = await storage.get(verified.key);
    if (object === null) res.writeHead(404).end();
    else
      res.writeHead(200, { 'content-type': object.contentType, etag: `"${object.etag}"` }).end(object.body);
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  await storage.put(verified.key, Buffer.concat(chunks), contentType === undefined ? {} : { contentType });
  res.writeHead(200).end();
}

describe('local object storage', () => {
  let server: Server;
  let baseUrl = '';
  let current: LocalObjectStorage | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (current === undefined) return void res.writeHead(503).end();
      serveSigned(current, req, res).catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  describeObjectStorageConformance('local', async ({ clock }) => {
    const rootDir = await mkdtemp(path.join(tmpdir(), 'local-storage-'));
    const storage = createLocalObjectStorage({
      rootDir,
      publicBaseUrl: baseUrl,
      signingSecret: SECRET,
      clock,
    });
    current = storage;
    return {
      storage,
      async cleanup() {
        current = undefined;
        await storage.close();
        await rm(rootDir, { recursive: true, force: true });
      },
    };
  });
});

describe('local object storage on disk', () => {
  let rootDir: string;
  let nowMs: number;
  const clock: Clock = { now: () => nowMs, date: () => new Date(nowMs) };
  let storage: LocalObjectStorage;

  beforeEach(async () => {
    rootDir = await mkdtemp(path.join(tmpdir(), 'local-storage-disk-'));
    nowMs = Date.parse('2030-01-02T03:04:05.000Z');
    storage = createLocalObjectStorage({
      rootDir,
      publicBaseUrl: 'https://api.example.com/base/',
      signingSecret: SECRET,
      clock,
    });
  });

  afterEach(async () => {
    await rm(rootDir, { recursive: true, force: true });
  });

  it('stores the body at the key path, with a hidden sidecar and no temp files left', async () => {
    const info = await storage.put('a/b/c.txt', 'body', { metadata: { x: '1' } });
    expect(await readFile(path.join(rootDir, 'a/b/c.txt'), 'utf8')).toBe('body');
    expect((await readdir(path.join(rootDir, 'a/b'))).sort()).toEqual(['c.txt', 'c.txt.~meta']);
    expect(await storage.list('')).toEqual(['a/b/c.txt']);
    expect(info.lastModified.toISOString()).toBe('2030-01-02T03:04:05.000Z');
    expect(info.etag).toBe(createHash('sha256').update('body').digest('hex'));
    expect((await storage.head('a/b/c.txt'))?.lastModified.toISOString()).toBe('2030-01-02T03:04:05.000Z');
  });

  it('prunes folders emptied by delete, so the key can become a file', async () => {
    await storage.put('dir/nested/file', 'x');
    await storage.delete('dir/nested/file');
    expect(await readdir(rootDir)).toEqual([]);
    await storage.put('dir', 'now a file');
    expect(await storage.list('')).toEqual(['dir']);
  });

  it('answers Conflict when a key needs a folder where an object is, and back', async () => {
    await storage.put('taken', 'x');
    await expect(storage.put('taken/child', 'y')).rejects.toMatchObject({ code: 'Conflict' });
    await storage.put('folder/child', 'y');
    await expect(storage.put('folder', 'z')).rejects.toMatchObject({ code: 'Conflict' });
    expect(await storage.get('folder')).toBeNull();
    expect(await storage.get('taken/child')).toBeNull();
    expect(await storage.list('')).toEqual(['folder/child', 'taken']);
  });

  it('rejects key segments reserved for sidecars and temp files', async () => {
    for (const key of ['a.~meta', 'dir/x.~tmp-0123abcd', 'a.~meta/b']) {
      await expect(storage.put(key, 'x')).rejects.toMatchObject({ code: 'BadRequest' });
    }
    await expect(storage.put(`${'s'.repeat(201)}/x`, 'x')).rejects.toMatchObject({ code: 'BadRequest' });
  });

  it('describes a file placed by hand from its bytes', async () => {
    await mkdir(path.join(rootDir, 'manual'), { recursive: true });
    await writeFile(path.join(rootDir, 'manual/file.bin'), 'raw');
    await writeFile(path.join(rootDir, 'manual/bad\\name'), 'raw');
    const got = await storage.get('manual/file.bin');
    expect(got).toMatchObject({ size: 3, contentType: 'application/octet-stream', metadata: {} });
    expect(got?.etag).toBe(createHash('sha256').update('raw').digest('hex'));
    expect(await storage.head('manual/file.bin')).toMatchObject({ size: 3, etag: got?.etag });
    expect(await storage.list('manual/')).toEqual(['manual/file.bin']);
  });

  it('signs URLs under the base path that verify only for their method, key and lifetime', async () => {
    const url = await storage.signedUrl('in/a file.txt', { method: 'GET', expiresInSeconds: 30 });
    expect(url).toMatch(
      /^https:\/\/api\.example\.com\/base\/storage\/local\/in\/a%20file\.txt\?method=GET&expires=\d+&signature=[0-9a-f]{64}$/,
    );
    expect(storage.verifySignedUrl(url, 'GET')).toEqual({ key: 'in/a file.txt' });
    expect(storage.verifySignedUrl(new URL(url), 'GET')).toEqual({ key: 'in/a file.txt' });
    const relative = url.slice('https://api.example.com'.length);
    expect(storage.verifySignedUrl(relative, 'GET')).toEqual({ key: 'in/a file.txt' });
    expect(storage.verifySignedUrl(url, 'PUT')).toBeNull();
    expect(storage.verifySignedUrl(url.replace('/base/', '/other/'), 'GET')).toBeNull();
    expect(storage.verifySignedUrl(`${url}&method=GET`, 'GET')).toBeNull();
    expect(storage.verifySignedUrl(url.replace('expires=', 'expires=1'), 'GET')).toBeNull();
    expect(storage.verifySignedUrl(url.replace('a%20file', 'a%ZZfile'), 'GET')).toBeNull();
    expect(storage.verifySignedUrl('not a url at all', 'GET')).toBeNull();

    nowMs += 29_000;
    expect(storage.verifySignedUrl(url, 'GET')).not.toBeNull();
    nowMs += 1_000;
    expect(storage.verifySignedUrl(url, 'GET')).toBeNull();
  });

  it('binds the content type into signed PUT URLs', async () => {
    const url = await storage.signedUrl('up/x.png', {
      method: 'PUT',
      expiresInSeconds: 60,
      contentType: 'image/png',
    });
    expect(storage.verifySignedUrl(url, 'PUT')).toEqual({ key: 'up/x.png', contentType: 'image/png' });
    expect(storage.verifySignedUrl(url.replace('image%2Fpng', 'image%2Fgif'), 'PUT')).toBeNull();
    expect(storage.verifySignedUrl(url.replace(/&contentType=[^&]+/, ''), 'PUT')).toBeNull();
  });

  it('refuses URLs signed with another secret', async () => {
    const other = createLocalObjectStorage({
      rootDir,
      publicBaseUrl: 'https://api.example.com/base',
      signingSecret: 'another-secret-of-enough-length',
      clock,
    });
    const url = await other.signedUrl('k', { method: 'GET', expiresInSeconds: 60 });
    expect(other.verifySignedUrl(url, 'GET')).toEqual({ key: 'k' });
    expect(storage.verifySignedUrl(url, 'GET')).toBeNull();
  });

  it('validates its options without echoing the secret', () => {
    const options = { rootDir, publicBaseUrl: 'https://x.test', signingSecret: 'short' };
    expect(() => createLocalObjectStorage(options)).toThrow(/at least 16 characters/);
    try {
      createLocalObjectStorage(options);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('short');
    }
    expect(() =>
      createLocalObjectStorage({ ...options, signingSecret: SECRET, publicBaseUrl: 'ftp://x' }),
    ).toThrow(/http\(s\)/);
  });

  it('reports unhealthy when the root cannot hold files', async () => {
    const fileRoot = path.join(rootDir, 'not-a-folder');
    await writeFile(fileRoot, 'x');
    const broken = createLocalObjectStorage({
      rootDir: fileRoot,
      publicBaseUrl: 'https://x.test',
      signingSecret: SECRET,
    });
    const health = await broken.health();
    expect(health).toMatchObject({ ok: false, provider: 'local' });
    expect(health.detail).toMatch(/^Storage folder is not writable \(E[A-Z]+\)\.$/);
    expect(health.detail).not.toContain(rootDir);
    await expect(broken.put('k', 'v')).rejects.toMatchObject({ name: 'AppError' });
  });
});
