import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';

describe('GET /docs', () => {
  let deps: TestDependencies;

  beforeAll(async () => {
    deps = await createTestDependencies();
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('serves Swagger UI with every asset from the app itself', async () => {
    const app = createApp(deps);
    const response = await app.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).not.toMatch(/\/\/[a-z0-9.-]+\.(com|io|net|org)/i);

    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(references.length).toBeGreaterThanOrEqual(5);
    const expectedType: Record<string, RegExp> = {
      css: /^text\/css/,
      js: /^text\/javascript/,
      png: /^image\/png$/,
    };
    for (const reference of references) {
      expect(reference.startsWith('/docs/assets/')).toBe(true);
      const asset = await app.request(reference);
      expect(asset.status, reference).toBe(200);
      const extension = reference.split('.').pop() ?? '';
      expect(asset.headers.get('Content-Type'), reference).toMatch(expectedType[extension] ?? /^$/);
      expect(asset.headers.get('Cache-Control'), reference).toBeTruthy();
      expect((await asset.arrayBuffer()).byteLength, reference).toBeGreaterThan(0);
    }
  });

  it('points Swagger UI at this API and not at the validator service', async () => {
    const script = await (await createApp(deps).request('/docs/assets/swagger-initializer.js')).text();
    expect(script).toContain("url: '/openapi.json'");
    expect(script).toContain('validatorUrl: null');
  });

  it('revalidates cached assets with their ETag', async () => {
    const app = createApp(deps);
    const first = await app.request('/docs/assets/swagger-ui.css');
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^".+"$/);
    const second = await app.request('/docs/assets/swagger-ui.css', {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(second.status).toBe(304);
  });

  it('does not serve files outside the allowlist', async () => {
    const app = createApp(deps);
    expect((await app.request('/docs/assets/package.json')).status).toBe(404);
    expect((await app.request('/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('is not mounted when docs are disabled', async () => {
    const app = createApp({ ...deps, settings: { ...deps.settings, enableDocs: false } });
    expect((await app.request('/docs')).status).toBe(404);
  });
});
