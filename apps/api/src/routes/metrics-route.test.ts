import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';

describe('GET /metrics', () => {
  let deps: TestDependencies;

  beforeAll(async () => {
    deps = await createTestDependencies();
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('exposes the request counter labelled by route template', async () => {
    const app = createApp(deps);
    await app.request('/health');
    await app.request('/health');
    await app.request('/docs/assets/swagger-ui.css');
    const response = await app.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(deps.metrics.registry.contentType);
    const text = await response.text();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toMatch(/http_requests_total\{[^}]*route="\/health"[^}]*\} 2\n/);
    expect(text).toMatch(/http_requests_total\{[^}]*route="\/docs\/assets\/:file"[^}]*\} 1\n/);
  });

  it('is left out of the OpenAPI document', async () => {
    const document = (await (await createApp(deps).request('/openapi.json')).json()) as { paths: object };
    expect(Object.keys(document.paths)).not.toContain('/metrics');
  });
});
