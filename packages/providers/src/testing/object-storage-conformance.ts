import type { Clock, ObjectStorage } from '@starter/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** What the suite hands each factory call. */
export interface ObjectStorageConformanceContext {
  /**
   * The clock signed URLs must be issued and checked against. The suite winds it back to mint URLs that
   * are already expired, so an implementation that signs must use it.
   */
  clock: Clock;
}

/** One fresh, empty storage under test. */
export interface ObjectStorageConformanceSubject {
  storage: ObjectStorage;
  /** How to request a signed URL (e.g. an in-process app); defaults to the global `fetch`. */
  fetchSigned?: (url: string, init: RequestInit) => Promise<Response>;
  cleanup(): Promise<void>;
}

/** Creates a fresh, empty storage for each test. */
export type ObjectStorageConformanceFactory = (
  context: ObjectStorageConformanceContext,
) => Promise<ObjectStorageConformanceSubject>;

const BAD_KEYS = [
  '',
  '/leading',
  'trailing/',
  'a//b',
  '.',
  '..',
  'a/../b',
  'a/./b',
  '../escape',
  'back\\slash',
  'nul\u0000byte',
  'new\nline',
  'x'.repeat(1025),
];

/** Registers the behaviour every `ObjectStorage` implementation must share, run against `factory`. */
export function describeObjectStorageConformance(
  name: string,
  factory: ObjectStorageConformanceFactory,
): void {
  describe(`ObjectStorage conformance: ${name}`, () => {
    let offsetMs = 0;
    const clock: Clock = { now: () => Date.now() + offsetMs, date: () => new Date(Date.now() + offsetMs) };
    let subject: ObjectStorageConformanceSubject;
    let storage: ObjectStorage;
    const fetchSigned = (url: string, init: RequestInit = {}) => (subject.fetchSigned ?? fetch)(url, init);
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

    beforeEach(async () => {
      offsetMs = 0;
      subject = await factory({ clock });
      storage = subject.storage;
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    it('round-trips a text body with its info', async () => {
      const put = await storage.put('docs/hello.txt', 'héllo wörld');
      expect(put).toMatchObject({
        key: 'docs/hello.txt',
        size: 13,
        contentType: 'text/plain; charset=utf-8',
      });
      expect(put.etag).not.toBe('');
      expect(put.lastModified).toBeInstanceOf(Date);

      const got = await storage.get('docs/hello.txt');
      expect(got).not.toBeNull();
      expect(text(got!.body)).toBe('héllo wörld');
      expect(got).toMatchObject({ key: 'docs/hello.txt', size: 13, etag: put.etag, metadata: {} });
      expect(got!.lastModified).toBeInstanceOf(Date);
    });

    it('round-trips every byte value of a binary body', async () => {
      const bytes = Uint8Array.from({ length: 512 }, (_, index) => index % 256);
      await storage.put('bin/all-bytes', bytes);
      const got = await storage.get('bin/all-bytes');
      expect(got?.contentType).toBe('application/octet-stream');
      expect(got?.size).toBe(512);
      expect(Array.from(got!.body)).toEqual(Array.from(bytes));
    });

    it('keeps content type and metadata, and head returns them without a body', async () => {
      const options = { contentType: 'application/json', metadata: { Owner: 'user-1', 'trace-id': 'abc' } };
      const put = await storage.put('meta/doc.json', '{"ok":true}', options);
      const expected = { contentType: 'application/json', metadata: { owner: 'user-1', 'trace-id': 'abc' } };
      expect(put).toMatchObject(expected);
      expect(await storage.get('meta/doc.json')).toMatchObject(expected);
      const head = await storage.head('meta/doc.json');
      expect(head).toMatchObject({ ...expected, key: 'meta/doc.json', size: 11, etag: put.etag });
      expect(head).not.toHaveProperty('body');
    });

    it('answers null for missing objects and deletes idempotently', async () => {
      expect(await storage.get('missing/object')).toBeNull();
      expect(await storage.head('missing/object')).toBeNull();
      await expect(storage.delete('missing/object')).resolves.toBeUndefined();

      await storage.put('gone/soon.txt', 'bye');
      await storage.delete('gone/soon.txt');
      expect(await storage.get('gone/soon.txt')).toBeNull();
      expect(await storage.head('gone/soon.txt')).toBeNull();
      expect(await storage.list('gone/')).toEqual([]);
      await expect(storage.delete('gone/soon.txt')).resolves.toBeUndefined();
    });

    it('gives equal content equal etags and different content different etags', async () => {
      const first = await storage.put('etag/a', 'same');
      const second = await storage.put('etag/b', 'same');
      const third = await storage.put('etag/c', 'different');
      expect(second.etag).toBe(first.etag);
      expect(third.etag).not.toBe(first.etag);
      expect((await storage.head('etag/a'))?.etag).toBe(first.etag);
    });

    it('replaces body, content type and metadata on overwrite', async () => {
      await storage.put('over/write', 'first version', { contentType: 'text/csv', metadata: { old: '1' } });
      const second = await storage.put('over/write', 'v2', { metadata: { fresh: 'yes' } });
      const got = await storage.get('over/write');
      expect(text(got!.body)).toBe('v2');
      expect(got).toMatchObject({ size: 2, etag: second.etag, contentType: 'text/plain; charset=utf-8' });
      expect(got!.metadata).toEqual({ fresh: 'yes' });
    });

    it('lists keys under a prefix in lexical order, with a limit', async () => {
      for (const key of [
        'list/b.txt',
        'list/a/2.txt',
        'list/a/1.txt',
        'list/a-c.txt',
        'lists/x',
        'other/y',
      ]) {
        await storage.put(key, key);
      }
      expect(await storage.list('list/')).toEqual([
        'list/a-c.txt',
        'list/a/1.txt',
        'list/a/2.txt',
        'list/b.txt',
      ]);
      expect(await storage.list('list/', { limit: 2 })).toEqual(['list/a-c.txt', 'list/a/1.txt']);
      expect(await storage.list('list/a')).toEqual(['list/a-c.txt', 'list/a/1.txt', 'list/a/2.txt']);
      expect(await storage.list('list/a/')).toEqual(['list/a/1.txt', 'list/a/2.txt']);
      expect(await storage.list('list')).toEqual([
        'list/a-c.txt',
        'list/a/1.txt',
        'list/a/2.txt',
        'list/b.txt',
        'lists/x',
      ]);
      expect(await storage.list('nothing/here/')).toEqual([]);
      expect(await storage.list('')).toHaveLength(6);
    });

    it('rejects unsafe keys, prefixes and arguments with BadRequest', async () => {
      const badRequest = expect.objectContaining({ name: 'AppError', code: 'BadRequest' });
      for (const key of BAD_KEYS) {
        await expect(storage.put(key, 'x'), JSON.stringify(key)).rejects.toEqual(badRequest);
        await expect(storage.get(key)).rejects.toEqual(badRequest);
        await expect(storage.head(key)).rejects.toEqual(badRequest);
        await expect(storage.delete(key)).rejects.toEqual(badRequest);
        await expect(storage.signedUrl(key, { method: 'GET', expiresInSeconds: 60 })).rejects.toEqual(
          badRequest,
        );
      }
      for (const prefix of ['../', '/abs', 'a//', 'a/../', '..']) {
        await expect(storage.list(prefix), prefix).rejects.toEqual(badRequest);
      }
      await expect(storage.list('ok/', { limit: 0 })).rejects.toEqual(badRequest);
      for (const expiresInSeconds of [0, -5, 1.5, 604_801]) {
        await expect(storage.signedUrl('ok/key', { method: 'GET', expiresInSeconds })).rejects.toEqual(
          badRequest,
        );
      }
      await expect(storage.put('ok/key', 'x', { contentType: 'not a type' })).rejects.toEqual(badRequest);
      await expect(storage.put('ok/key', 'x', { metadata: { 'bad key': 'v' } })).rejects.toEqual(badRequest);
      await expect(storage.put('ok/key', 'x', { metadata: { key: 'line\nbreak' } })).rejects.toEqual(
        badRequest,
      );
      expect(await storage.list('')).toEqual([]);
    });

    it('serves a signed GET URL', async () => {
      await storage.put('signed/report.csv', 'a,b\n1,2\n', { contentType: 'text/csv' });
      const url = await storage.signedUrl('signed/report.csv', { method: 'GET', expiresInSeconds: 60 });
      const response = await fetchSigned(url, { method: 'GET' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv');
      expect(await response.text()).toBe('a,b\n1,2\n');
    });

    it('accepts an upload to a signed PUT URL with the declared content type', async () => {
      const key = 'uploads/über file (1).json';
      const url = await storage.signedUrl(key, {
        method: 'PUT',
        expiresInSeconds: 60,
        contentType: 'application/json',
      });
      const wrongType = await fetchSigned(url, {
        method: 'PUT',
        body: '{}',
        headers: { 'content-type': 'text/plain' },
      });
      expect(wrongType.status).toBe(403);
      expect(await storage.head(key)).toBeNull();

      const response = await fetchSigned(url, {
        method: 'PUT',
        body: '{"uploaded":true}',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
      const got = await storage.get(key);
      expect(got?.contentType).toBe('application/json');
      expect(text(got!.body)).toBe('{"uploaded":true}');
    });

    it('refuses tampered, re-targeted, wrong-method and expired signed URLs', async () => {
      await storage.put('secure/a.txt', 'A');
      await storage.put('secure/b.txt', 'B');
      const url = await storage.signedUrl('secure/a.txt', { method: 'GET', expiresInSeconds: 60 });

      const tampered = new URL(url);
      for (const [name, value] of tampered.searchParams) {
        if (/signature/i.test(name)) {
          tampered.searchParams.set(name, value.replace(/^./, value.startsWith('0') ? '1' : '0'));
        }
      }
      expect(tampered.toString()).not.toBe(url);
      expect((await fetchSigned(tampered.toString(), { method: 'GET' })).status).toBe(403);

      const retargeted = url.replace('secure/a.txt', 'secure/b.txt');
      expect(retargeted).not.toBe(url);
      expect((await fetchSigned(retargeted, { method: 'GET' })).status).toBe(403);

      const wrongMethod = await fetchSigned(url, { method: 'PUT', body: 'overwrite' });
      expect(wrongMethod.status).toBe(403);
      expect(text((await storage.get('secure/a.txt'))!.body)).toBe('A');

      offsetMs = -3_600_000;
      const expired = await storage.signedUrl('secure/a.txt', { method: 'GET', expiresInSeconds: 60 });
      offsetMs = 0;
      expect((await fetchSigned(expired, { method: 'GET' })).status).toBe(403);

      expect((await fetchSigned(url, { method: 'GET' })).status).toBe(200);
    });

    it('reports healthy and closes twice without error', async () => {
      const health = await storage.health();
      expect(health).toMatchObject({ ok: true, provider: storage.provider });
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
      await storage.close();
      await expect(storage.close()).resolves.toBeUndefined();
    });
  });
}
