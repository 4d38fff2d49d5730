import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';

describe('GET /.well-known/jwks.json', () => {
  let deps: TestDependencies;

  beforeAll(async () => {
    deps = await createTestDependencies({ AUTH_JWKS_MAX_AGE_SECONDS: '120' });
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('publishes the active and next keys with cache validators, and answers 304 to a matching ETag', async () => {
    const app = createApp(deps);
    const keyset = await deps.identity.keys.ensureKeyset();
    const response = await app.request('/.well-known/jwks.json');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      keys: { kid: string; kty: string; crv: string; alg: string }[];
    };
    expect(body.keys.map((key) => key.kid)).toEqual([keyset.active.kid, keyset.next?.kid]);
    expect(body.keys.every((key) => key.kty === 'OKP' && key.crv === 'Ed25519' && key.alg === 'EdDSA')).toBe(
      true,
    );
    expect(JSON.stringify(body)).not.toContain('PRIVATE');
    const etag = response.headers.get('ETag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=120');
    expect(response.headers.get('Last-Modified')).toBe(new Date(keyset.next?.created_at ?? '').toUTCString());

    const cached = await app.request('/.well-known/jwks.json', { headers: { 'If-None-Match': etag ?? '' } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('ETag')).toBe(etag);
    expect(cached.headers.get('Cache-Control')).toBe('public, max-age=120');
    expect(await cached.text()).toBe('');

    const stale = await app.request('/.well-known/jwks.json', { headers: { 'If-None-Match': '"other"' } });
    expect(stale.status).toBe(200);

    const metrics = await deps.metrics.registry.metrics();
    expect(metrics).toContain('jwks_requests_total 3');
    expect(metrics).toContain('jwks_not_modified_total 1');
  });

  it('is left out of the OpenAPI document, while the session routes are in it with bearer security', async () => {
    const document = (await (await createApp(deps).request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(document.paths['/.well-known/jwks.json']).toBeUndefined();
    expect(document.paths['/api/v1/auth/token']?.post?.security).toBeUndefined();
    expect(document.paths['/api/v1/auth/me']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/refresh',
        '/api/v1/auth/logout',
        '/api/v1/auth/logout/all',
        '/api/v1/auth/sessions',
        '/api/v1/auth/sessions/{session_id}',
      ]),
    );
  });
});
