import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, makeOperator, send } from './platform-test-support.js';

const TENANTS = '/api/v1/platform/tenants';
const ACCOUNT = '/api/v1/tenants/account';

describe('platform operator routes (spec §1.10) and tenant status (behaviour 11)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let operatorToken: string;
  let memberToken: string;
  let member: TestMember;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    const operator = await createMember(deps);
    await makeOperator(deps, operator);
    operatorToken = await accessToken(app, operator);
    member = await createMember(deps, { role: 'admin' });
    memberToken = await accessToken(app, member);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('refuses callers without the operator scope', async () => {
    expect((await send(app, 'get', TENANTS, { token: memberToken })).status).toBe(403);
    expect((await send(app, 'get', TENANTS)).status).toBe(401);
  });

  it('creates, lists, reads and updates tenants', async () => {
    const created = await send(app, 'post', TENANTS, {
      token: operatorToken,
      body: { name: 'Acme Platform' },
    });
    expect(created.status).toBe(201);
    const tenant = (await created.json()) as { id: string; slug: string; status: string; created_by: string };
    expect(tenant).toMatchObject({ slug: 'acme-platform', created_by: expect.stringMatching(/^user:/) });

    const listed = await send(app, 'get', `${TENANTS}?q=acme&limit=5`, { token: operatorToken });
    expect(listed.status).toBe(200);
    const page = (await listed.json()) as { items: { id: string }[]; limit: number };
    expect(page.limit).toBe(5);
    expect(page.items.map((item) => item.id)).toContain(tenant.id);

    const renamed = await send(app, 'patch', `${TENANTS}/${tenant.id}`, {
      token: operatorToken,
      body: { name: 'Acme Renamed' },
    });
    expect(renamed.status).toBe(200);
    const detail = await send(app, 'get', `${TENANTS}/${tenant.id}`, { token: operatorToken });
    expect(await detail.json()).toMatchObject({ id: tenant.id, name: 'Acme Renamed' });
    expect((await send(app, 'get', `${TENANTS}/not-a-uuid`, { token: operatorToken })).status).toBe(404);
  });

  it('answers malformed bodies with the 422 envelope', async () => {
    const response = await send(app, 'post', TENANTS, { token: operatorToken, body: { name: 'x' } });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ success: false, error: 'ValidationError' });
    const noReason = await send(app, 'post', `${TENANTS}/${member.tenantId}/suspend`, {
      token: operatorToken,
      body: {},
    });
    expect(noReason.status).toBe(422);
  });

  it('sets, reads and clears feature overrides; unknown keys are 422', async () => {
    const path = `${TENANTS}/${member.tenantId}/features`;
    const set = await send(app, 'put', path, { token: operatorToken, body: { flags: { billing: true } } });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ tenant_id: member.tenantId, flags: { billing: true } });
    const cleared = await send(app, 'put', path, {
      token: operatorToken,
      body: { flags: { billing: null } },
    });
    expect(await cleared.json()).toEqual({ tenant_id: member.tenantId, flags: {} });
    const unknown = await send(app, 'put', path, {
      token: operatorToken,
      body: { flags: { teleport: true } },
    });
    expect(unknown.status).toBe(422);
    const read = await send(app, 'get', path, { token: operatorToken });
    expect(read.status).toBe(200);
  });

  it('suspending a tenant locks its members out; an operator override may read but not write', async () => {
    const tenant = await createMember(deps, { role: 'owner' });
    const tenantToken = await accessToken(app, tenant);
    // An operator who is also on that tenant's team, signed in before the suspension.
    const support = await createMember(deps, { role: 'admin', tenantId: tenant.tenantId });
    await makeOperator(deps, support);
    const supportToken = await accessToken(app, support);
    expect((await send(app, 'get', ACCOUNT, { token: tenantToken })).status).toBe(200);

    const suspend = await send(app, 'post', `${TENANTS}/${tenant.tenantId}/suspend`, {
      token: operatorToken,
      body: { reason: 'unpaid invoices' },
    });
    expect(suspend.status).toBe(200);
    expect(await suspend.json()).toMatchObject({ status: 'suspended', status_reason: 'unpaid invoices' });

    expect((await send(app, 'get', ACCOUNT, { token: tenantToken })).status).toBe(403);
    const override = { 'x-operator-override': 'true', 'x-operator-reason': 'ticket 42' };
    const read = await send(app, 'get', ACCOUNT, { token: supportToken, headers: override });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: tenant.tenantId, status: 'suspended' });
    const write = await send(app, 'patch', ACCOUNT, {
      token: supportToken,
      headers: override,
      body: { name: 'Nope' },
    });
    expect(write.status).toBe(403);
    const unreasoned = await send(app, 'get', ACCOUNT, {
      token: supportToken,
      headers: { 'x-operator-override': 'true' },
    });
    expect(unreasoned.status).toBe(400);
    // The override is an operator privilege: the suspended tenant's owner cannot use it.
    expect((await send(app, 'get', ACCOUNT, { token: tenantToken, headers: override })).status).toBe(403);

    const reactivate = await send(app, 'post', `${TENANTS}/${tenant.tenantId}/reactivate`, {
      token: operatorToken,
      body: { reason: 'paid up' },
    });
    expect(reactivate.status).toBe(200);
    expect((await send(app, 'get', ACCOUNT, { token: tenantToken })).status).toBe(200);
    const again = await send(app, 'post', `${TENANTS}/${tenant.tenantId}/reactivate`, {
      token: operatorToken,
      body: { reason: 'paid up' },
    });
    expect(again.status).toBe(409);
  });

  it('deprovisions a tenant (again is a no-op) and its members are locked out', async () => {
    const tenant = await createMember(deps, { role: 'owner' });
    const token = await accessToken(app, tenant);
    const path = `${TENANTS}/${tenant.tenantId}/deprovision`;
    const first = await send(app, 'post', path, { token: operatorToken, body: { reason: 'contract ended' } });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'deprovisioned' });
    const second = await send(app, 'post', path, {
      token: operatorToken,
      body: { reason: 'contract ended' },
    });
    expect(second.status).toBe(200);
    expect((await send(app, 'get', ACCOUNT, { token })).status).toBe(403);
  });
});
