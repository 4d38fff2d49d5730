import { createPostgresDatabase } from '@starter/providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';

describe('health routes', () => {
  let deps: TestDependencies;

  beforeAll(async () => {
    deps = await createTestDependencies();
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('GET / describes the service and links to the rest', async () => {
    const response = await createApp(deps).request('/');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      name: 'api-service',
      version: '1.0.0',
      description: expect.any(String),
      environment: 'test',
      links: {
        docs: '/docs',
        openapi: '/openapi.json',
        health: '/health',
        ready: '/health/ready',
        api: '/api/v1',
      },
    });
  });

  it('GET /health answers liveness without touching dependencies', async () => {
    const response = await createApp(deps).request('/health');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      status: 'healthy',
      timestamp: expect.any(String),
      version: '1.0.0',
      uptime: expect.any(Number),
    });
    expect(new Date(body.timestamp as string).toISOString()).toBe(body.timestamp);
    expect(body.uptime).toBeGreaterThanOrEqual(0);
    expect(response.headers.get('X-Correlation-ID')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /health/ready reports each dependency when all are up', async () => {
    const response = await createApp(deps).request('/health/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: {
        database: { ok: true, provider: deps.database.dialect, latency_ms: expect.any(Number) },
        kv: { ok: true, provider: deps.kv.provider, latency_ms: expect.any(Number) },
      },
    });
  });

  it('GET /health/ready answers 503 with per-check detail when the database is unreachable', async () => {
    const unreachable = createPostgresDatabase({
      connectionString: 'postgres://app:very-secret-password@127.0.0.1:1/app',
      connectionTimeoutMs: 1000,
    });
    try {
      const response = await createApp({ ...deps, database: unreachable }).request('/health/ready');
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(text).not.toContain('very-secret-password');
      expect(JSON.parse(text)).toEqual({
        success: false,
        error: 'ServiceUnavailable',
        message: 'Service is not ready.',
        details: {
          status: 'not_ready',
          checks: {
            database: {
              ok: false,
              provider: 'postgres',
              latency_ms: expect.any(Number),
              detail: expect.any(String),
            },
            kv: { ok: true, provider: deps.kv.provider, latency_ms: expect.any(Number) },
          },
        },
      });
    } finally {
      await unreachable.close();
    }
  });

  it('GET /health/storage reports the storage provider', async () => {
    const response = await createApp(deps).request('/health/storage');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'healthy',
      provider: 'local',
      latency_ms: expect.any(Number),
    });
  });
});
