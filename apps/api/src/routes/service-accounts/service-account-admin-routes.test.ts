import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, makeOperator, send } from '../platform/platform-test-support.js';

const BASE = '/api/v1/auth/service-accounts';

interface Issued {
  jti: string;
  tenant_id: string | null;
}

describe('service-account SA-actor routes (spec §1.7)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let owner: TestMember;
  let adminToken: string;
  let memberToken: string;
  let otherOwner: TestMember;
  let otherToken: string;
  let operatorToken: string;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    owner = await createMember(deps, { role: 'owner' });
    const admin = await createMember(deps, { role: 'admin', tenantId: owner.tenantId });
    const member = await createMember(deps, { role: 'member', tenantId: owner.tenantId });
    otherOwner = await createMember(deps, { role: 'owner' });
    const operator = await createMember(deps, { role: 'owner' });
    await makeOperator(deps, operator);
    [adminToken, memberToken, otherToken, operatorToken] = await Promise.all([
      accessToken(app, admin),
      accessToken(app, member),
      accessToken(app, otherOwner),
      accessToken(app, operator),
    ]);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  const browserIssue = (token: string, body: Record<string, unknown>) =>
    send(app, 'post', `${BASE}/browser-issue`, {
      token,
      body: { account: 'analytics-batch', scopes: ['conversations:read'], reason: 'nightly export', ...body },
    });

  it('lets a tenant admin issue for their own tenant only', async () => {
    const own = await browserIssue(adminToken, {});
    expect(own.status).toBe(201);
    expect(((await own.json()) as Issued).tenant_id).toBe(owner.tenantId);
    const explicit = await browserIssue(adminToken, { tenant_id: owner.tenantId, force: true });
    expect(explicit.status).toBe(201);
    const foreign = await browserIssue(adminToken, { tenant_id: otherOwner.tenantId });
    expect(foreign.status).toBe(403);
    const global = await browserIssue(adminToken, { account: 'demo-bot', scopes: ['chat:write'] });
    expect(global.status).toBe(403);
  });

  it('refuses members (403), anonymous callers (401) and a missing reason (422)', async () => {
    expect((await browserIssue(memberToken, {})).status).toBe(403);
    expect((await send(app, 'get', `${BASE}/tokens`, { token: memberToken })).status).toBe(403);
    expect((await send(app, 'get', `${BASE}/tokens`)).status).toBe(401);
    const noReason = await send(app, 'post', `${BASE}/browser-issue`, {
      token: adminToken,
      body: { account: 'analytics-batch', scopes: ['conversations:read'] },
    });
    expect(noReason.status).toBe(422);
  });

  it('lists a tenant admin’s own tokens, never another tenant’s', async () => {
    const mine = await send(app, 'get', `${BASE}/tokens?account=analytics&status=all`, { token: adminToken });
    expect(mine.status).toBe(200);
    const page = (await mine.json()) as { items: Issued[]; total: number };
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.items.every((item) => item.tenant_id === owner.tenantId)).toBe(true);
    const theirs = await send(app, 'get', `${BASE}/tokens?tenant_id=${otherOwner.tenantId}`, {
      token: adminToken,
    });
    expect(theirs.status).toBe(403);
    const global = await send(app, 'get', `${BASE}/tokens?include_global=true`, { token: adminToken });
    expect(global.status).toBe(403);
  });

  it('lets operators issue anywhere and list any tenant', async () => {
    const issued = await browserIssue(operatorToken, { tenant_id: otherOwner.tenantId });
    expect(issued.status).toBe(201);
    const list = await send(app, 'get', `${BASE}/tokens?tenant_id=${otherOwner.tenantId}`, {
      token: operatorToken,
    });
    expect(((await list.json()) as { items: Issued[] }).items.map((item) => item.tenant_id)).toEqual([
      otherOwner.tenantId,
    ]);
  });

  it('revokes: tenant admins with a default reason, operators only with a reason', async () => {
    const { jti } = (await (await browserIssue(adminToken, { force: true })).json()) as Issued;
    const path = `${BASE}/tokens/${jti}/revoke`;
    expect((await send(app, 'post', path, { token: otherToken, body: {} })).status).toBe(404);
    const noReason = await send(app, 'post', path, { token: operatorToken, body: {} });
    expect(noReason.status).toBe(400);
    const revoked = await send(app, 'post', path, { token: adminToken });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ jti, revoked_reason: 'tenant_admin_manual_revoke' });
    expect((await send(app, 'post', path, { token: adminToken, body: {} })).status).toBe(409);

    const other = (await (
      await browserIssue(operatorToken, { tenant_id: otherOwner.tenantId, force: true })
    ).json()) as Issued;
    const byOperator = await send(app, 'post', `${BASE}/tokens/${other.jti}/revoke`, {
      token: operatorToken,
      body: { reason: 'leaked in a log' },
    });
    expect(byOperator.status).toBe(200);
    expect(await byOperator.json()).toMatchObject({ revoked_reason: 'leaked in a log' });
  });

  it('answers 422 to malformed bodies and queries (400 to unparsable JSON)', async () => {
    const syntax = await send(app, 'post', `${BASE}/browser-issue`, {
      token: adminToken,
      body: '{"account":',
    });
    expect(syntax.status).toBe(400);
    const body = await browserIssue(adminToken, { scopes: [], lifetime_minutes: 0 });
    expect(body.status).toBe(422);
    expect(await body.json()).toMatchObject({ error: 'ValidationError' });
    const query = await send(app, 'get', `${BASE}/tokens?status=expired`, { token: adminToken });
    expect(query.status).toBe(422);
    const reason = await send(app, 'post', `${BASE}/tokens/x/revoke`, {
      token: adminToken,
      body: { reason: 1 },
    });
    expect(reason.status).toBe(422);
  });
});
