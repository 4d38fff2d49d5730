import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';

describe('GET /health/ready after the database was closed', () => {
  let deps: TestDependencies;

  beforeAll(async () => {
    deps = await createTestDependencies();
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('answers 503 naming the failed check', async () => {
    const app = createApp(deps);
    expect((await app.request('/health/ready')).status).toBe(200);
    await deps.database.close();
    const response = await app.request('/health/ready');
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      details: { checks: { database: { ok: boolean; detail?: string } } };
    };
    expect(body.details.checks.database.ok).toBe(false);
    expect(body.details.checks.database.detail).toEqual(expect.any(String));
  });
});
