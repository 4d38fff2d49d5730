import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

describe('GET /openapi.json', () => {
  let deps: TestDependencies;

  beforeAll(async () => {
    deps = await createTestDependencies({ APP_NAME: 'docs-test', APP_VERSION: '2.3.4' });
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('is an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await createApp(deps).request('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    const document = (await response.json()) as OpenApiDocument;
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'docs-test', version: '2.3.4' });
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/auth/logout',
      '/api/v1/auth/logout/all',
      '/api/v1/auth/me',
      '/api/v1/auth/refresh',
      '/api/v1/auth/sessions',
      '/api/v1/auth/sessions/{session_id}',
      '/api/v1/auth/token',
      '/health',
      '/health/ready',
      '/health/storage',
    ]);
    expect(document.paths['/health/ready']).toHaveProperty('get.responses.503');
    expect(document.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    );
    expect(document.components.schemas).toHaveProperty('ErrorEnvelope');
    expect(document.components.schemas).toHaveProperty('Liveness');
  });
});
