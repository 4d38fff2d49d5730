import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { send } from '../platform/platform-test-support.js';

const ISSUE = '/api/v1/auth/service-accounts/issue';
const DEV = { authorization: 'Bearer dev-demo' };

interface Issued {
  refresh_token: string;
  jti: string;
  account: string;
  scopes: string[];
  reused: boolean;
}

describe('POST /auth/service-accounts/issue with dev-demo (spec §1.7, §7.7)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  const issue = (body: unknown, headers: Record<string, string> = DEV) =>
    send(app, 'post', ISSUE, { body, headers });

  it('issues a refresh token to dev-demo in the test environment', async () => {
    const response = await issue({ account: 'support-console', scopes: ['activity:read'] });
    expect(response.status).toBe(201);
    const issued = (await response.json()) as Issued;
    expect(issued).toMatchObject({ account: 'support-console', scopes: ['activity:read'], reused: false });
    expect(issued.refresh_token.split('.')).toHaveLength(3);
  });

  it('returns the same token unless forced, and a forced issuance replaces it', async () => {
    const body = { account: 'demo-bot', scopes: ['conversations:read'], fingerprint: 'ci-runner' };
    const first = (await (await issue(body)).json()) as Issued;
    const again = (await (await issue(body)).json()) as Issued;
    expect(again).toMatchObject({ reused: true, jti: first.jti, refresh_token: first.refresh_token });
    const forced = await issue({ ...body, force: true });
    expect(forced.status).toBe(201);
    const replaced = (await forced.json()) as Issued;
    expect(replaced.reused).toBe(false);
    expect(replaced.jti).not.toBe(first.jti);
    const after = (await (await issue(body)).json()) as Issued;
    expect(after).toMatchObject({ reused: true, jti: replaced.jti });
  });

  it('refuses scopes outside the catalog entry and a missing tenant (400)', async () => {
    const scopes = await issue({ account: 'support-console', scopes: ['billing:manage'] });
    expect(scopes.status).toBe(400);
    const tenant = await issue({ account: 'analytics-batch', scopes: ['conversations:read'] });
    expect(tenant.status).toBe(400);
    expect(await tenant.json()).toMatchObject({ success: false, error: 'BadRequest' });
  });

  it('answers 422 to malformed bodies', async () => {
    const response = await issue({ account: 'demo-bot', scopes: 'chat:write' });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: 'ValidationError' });
    expect((await issue({ scopes: ['chat:write'] })).status).toBe(422);
  });

  it('refuses missing or other bearer credentials (401)', async () => {
    const missing = await issue({ account: 'demo-bot', scopes: ['chat:write'] }, {});
    expect(missing.status).toBe(401);
    expect(missing.headers.get('WWW-Authenticate')).toBe('Bearer');
    const other = await issue(
      { account: 'demo-bot', scopes: ['chat:write'] },
      { authorization: 'Bearer dev-dem0' },
    );
    expect(other.status).toBe(401);
  });

  it('limits issuance bursts per account (429 with Retry-After)', async () => {
    const body = { account: 'synthetic-monitor', scopes: ['tools:read'] };
    const { tenant } = await deps.identity.repositories.tenants.create({
      name: 'Burst',
      slug: `burst-${Date.now()}`,
      status: 'active',
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await issue({ ...body, tenant_id: tenant.id, force: true })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await issue({ ...body, tenant_id: tenant.id });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('counts issuances by source and result', async () => {
    const text = await deps.metrics.registry.getSingleMetricAsString('service_account_issuance_total');
    expect(text).toContain('service_account_issuance_total{source="dev",result="reused"}');
    expect(text).toContain('service_account_issuance_total{source="dev",result="error"}');
  });
});
