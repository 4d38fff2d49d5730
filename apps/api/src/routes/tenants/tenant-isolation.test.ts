import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';
import { fillPath, type ProtectedRoute, protectedRoutes } from './recording-authorizer.js';

const SA_BASE = '/api/v1/auth/service-accounts';
const SA_ISSUE = { account: 'analytics-batch', scopes: ['conversations:read'], reason: 'isolation test' };

/**
 * Routes that reach tenant data under a non-T rule (the service scopes them to the token's tenant), each
 * with its own cross-tenant assertion below. Listed so a new such route is noticed, not silently skipped.
 */
const OTHER_RULE_TENANT_ROUTES = [
  `post ${SA_BASE}/browser-issue`,
  `get ${SA_BASE}/tokens`,
  `post ${SA_BASE}/tokens/{jti}/revoke`,
];

/** How to call one tenant route; `param` names a resource of tenant B, which A must not reach. */
interface Sample {
  body?: unknown;
  param?: () => string;
  query?: string;
  headers?: () => Record<string, string>;
  /** The status expected without the header when it is neither success nor not-found. */
  expected?: string;
}

describe('cross-tenant isolation of every T route of the app (spec §7.9)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let tenantRoutes: ProtectedRoute[];
  let adminA: TestMember;
  let tokenA: string;
  let ownerB: TestMember;
  let memberB: TestMember;
  let inviteB: string;
  let settingsVersionA = 0;
  let tokenB: string;
  let serviceTokenB: string;
  let conversationB: string;
  let runB: string;
  let eventB: string;

  // Every T route needs a sample here: a route added without one fails the sweep below.
  const samples: Record<string, Sample> = {
    'get /api/v1/tenants/account': {},
    'patch /api/v1/tenants/account': { body: { name: 'Renamed by A' } },
    'get /api/v1/tenants/members': {},
    'post /api/v1/tenants/members': { body: { email: 'placeholder@example.com', role: 'viewer' } },
    'patch /api/v1/tenants/members/{user_id}/role': { param: () => memberB.userId, body: { role: 'viewer' } },
    'delete /api/v1/tenants/members/{user_id}': { param: () => memberB.userId },
    'get /api/v1/tenants/invites/policy': {},
    'get /api/v1/tenants/invites': {},
    'post /api/v1/tenants/invites': {
      body: { invited_email: `a-${randomUUID()}@example.com`, role: 'viewer' },
    },
    'post /api/v1/tenants/invites/{invite_id}/revoke': { param: () => inviteB },
    'get /api/v1/tenants/settings': {},
    'put /api/v1/tenants/settings': {
      body: { flags: { written_by: 'A' } },
      headers: () => ({ 'if-match': `"${settingsVersionA}"` }),
    },
    'get /api/v1/users/notification-preferences': {},
    'put /api/v1/users/notification-preferences': {
      body: { channel: 'email', category: 'digest', enabled: false },
    },
    'post /api/v1/chat': { body: { message: 'hello from A' } },
    'post /api/v1/chat/stream': { body: { message: 'hello again from A' } },
    'get /api/v1/chat/runs/{run_id}/stream': { param: () => runB },
    'post /api/v1/chat/runs/{run_id}/cancel': { param: () => runB },
    'post /api/v1/chat/runs/{run_id}/approvals': {
      param: () => runB,
      body: { tool_call_id: 'call_x', approve: true },
    },
    'get /api/v1/conversations': {},
    'get /api/v1/conversations/search': { query: 'q=hello' },
    'get /api/v1/conversations/{id}': { param: () => conversationB },
    'get /api/v1/conversations/{id}/messages': { param: () => conversationB },
    'delete /api/v1/conversations/{id}/messages/{message_id}': { param: () => conversationB },
    'patch /api/v1/conversations/{id}/memory': { param: () => conversationB, body: { mode: 'none' } },
    'patch /api/v1/conversations/{id}/title': { param: () => conversationB, body: { title: 'A was here' } },
    'get /api/v1/conversations/{id}/events': { param: () => conversationB },
    'get /api/v1/conversations/{id}/stream': { param: () => conversationB },
    'delete /api/v1/conversations/{id}': { param: () => conversationB },
    'get /api/v1/conversations/{id}/ledger/events': { param: () => conversationB },
    'get /api/v1/conversations/{id}/ledger/stream': { param: () => conversationB },
    'get /api/v1/usage': {},
    'get /api/v1/usage/costs': {},
    'get /api/v1/features': {},
    'get /api/v1/activity': {},
    // The activity stream is off in this app (ENABLE_ACTIVITY_STREAM unset): 503 before any tenant data.
    'get /api/v1/activity/stream': { expected: '503' },
    'post /api/v1/activity/mark-all-read': {},
    'post /api/v1/activity/{event_id}/read': { param: () => eventB },
    'post /api/v1/activity/{event_id}/dismiss': { param: () => eventB },
  };
  const keyOf = (route: ProtectedRoute) => `${route.method} ${route.path}`;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    // Every route the real app protects, whichever register function added it: none can escape.
    tenantRoutes = protectedRoutes(app).filter((route) => route.requirement.kind === 'T');

    adminA = await createMember(deps, { role: 'admin' });
    tokenA = await accessToken(app, adminA);
    ownerB = await createMember(deps, { role: 'owner' });
    memberB = await createMember(deps, { role: 'member', tenantId: ownerB.tenantId });
    tokenB = await accessToken(app, ownerB);
    const invite = await send(app, 'post', '/api/v1/tenants/invites', {
      token: tokenB,
      body: { invited_email: `b-${randomUUID()}@example.com`, role: 'viewer' },
    });
    inviteB = ((await invite.json()) as { id: string }).id;
    const outsider = await createMember(deps);
    samples['post /api/v1/tenants/members'] = { body: { email: outsider.email, role: 'viewer' } };
    const issued = await send(app, 'post', `${SA_BASE}/browser-issue`, {
      token: tokenB,
      body: { ...SA_ISSUE, force: true },
    });
    serviceTokenB = ((await issued.json()) as { jti: string }).jti;
    const settings = await send(app, 'get', '/api/v1/tenants/settings', { token: tokenA });
    settingsVersionA = ((await settings.json()) as { version: number }).version;
    const chat = await send(app, 'post', '/api/v1/chat', {
      token: tokenB,
      body: { message: 'hello from B' },
    });
    const chatB = (await chat.json()) as { conversation_id: string; metadata: { run_id: string } };
    conversationB = chatB.conversation_id;
    runB = chatB.metadata.run_id;
    const activity = await deps.identity.activity.record({
      action: 'auth.logout',
      tenantId: ownerB.tenantId,
      actor: { type: 'user' },
      metadata: { scope: 'current' },
    });
    eventB = String(activity.id);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  function call(route: ProtectedRoute, extraHeaders: Record<string, string>): Promise<Response> {
    const sample = samples[keyOf(route)] ?? {};
    const filled = sample.param === undefined ? route.path : fillPath(route.path, sample.param());
    const path = sample.query === undefined ? filled : `${filled}?${sample.query}`;
    return send(app, route.method, path, {
      token: tokenA,
      headers: { ...sample.headers?.(), ...extraHeaders },
      ...(sample.body === undefined ? {} : { body: sample.body }),
    });
  }

  it('the table lists the T routes of the whole app and every one has a sample', () => {
    const keys = tenantRoutes.map(keyOf);
    // Tenant admin and account routes come from different register functions; both must be swept.
    expect(keys).toEqual(
      expect.arrayContaining(['get /api/v1/tenants/account', 'put /api/v1/users/notification-preferences']),
    );
    expect(tenantRoutes.map(keyOf).filter((key) => samples[key] === undefined)).toEqual([]);
  });

  it("refuses tenant A's admin on every T route with X-Tenant-Id of tenant B", async () => {
    for (const route of tenantRoutes) {
      const response = await call(route, { 'x-tenant-id': ownerB.tenantId });
      const { message } = (await response.json()) as { message: string };
      expect({ route: keyOf(route), status: response.status, message }).toEqual({
        route: keyOf(route),
        status: 403,
        message: 'Tenant mismatch between token and X-Tenant-Id header.',
      });
    }
  });

  it("without the header every T route acts on A only: B's resources are not found, B's data unchanged", async () => {
    for (const route of tenantRoutes) {
      const response = await call(route, {});
      const text = await response.text();
      const sample = samples[keyOf(route)];
      const expected = sample?.expected ?? (sample?.param === undefined ? 'success' : 'not-found');
      const outcome =
        response.status === 404 ? 'not-found' : response.status < 300 ? 'success' : `${response.status}`;
      expect({ route: keyOf(route), outcome, text: outcome === expected ? '' : text }).toEqual({
        route: keyOf(route),
        outcome: expected,
        text: '',
      });
      expect(text).not.toContain(ownerB.tenantId);
    }
    const account = await send(app, 'get', '/api/v1/tenants/account', { token: tokenB });
    expect(await account.json()).not.toMatchObject({ name: 'Renamed by A' });
    const members = await send(app, 'get', '/api/v1/tenants/members', { token: tokenB });
    const items = ((await members.json()) as { items: { user_id: string; role: string }[] }).items;
    expect(items.find((item) => item.user_id === memberB.userId)).toMatchObject({ role: 'member' });
    const invites = await send(app, 'get', '/api/v1/tenants/invites', { token: tokenB });
    const pending = ((await invites.json()) as { items: { id: string; status: string }[] }).items;
    expect(pending.find((item) => item.id === inviteB)).toMatchObject({ status: 'pending' });
    const settings = await send(app, 'get', '/api/v1/tenants/settings', { token: tokenB });
    expect(await settings.json()).not.toMatchObject({ flags: { written_by: 'A' } });
    const accountA = await send(app, 'get', '/api/v1/tenants/account', { token: tokenA });
    expect(await accountA.json()).toMatchObject({ id: adminA.tenantId, name: 'Renamed by A' });
  });

  it('every other-rule tenant route is still registered (so its assertions below stay meaningful)', () => {
    const keys = protectedRoutes(app).map(keyOf);
    expect(OTHER_RULE_TENANT_ROUTES.filter((key) => !keys.includes(key))).toEqual([]);
  });

  it("service-account routes (V + tenant rule in the service) never reach tenant B's tokens", async () => {
    const foreignIssue = await send(app, 'post', `${SA_BASE}/browser-issue`, {
      token: tokenA,
      body: { ...SA_ISSUE, tenant_id: ownerB.tenantId },
    });
    expect(foreignIssue.status).toBe(403);
    const foreignList = await send(app, 'get', `${SA_BASE}/tokens?status=all&tenant_id=${ownerB.tenantId}`, {
      token: tokenA,
    });
    expect(foreignList.status).toBe(403);
    // The X-Tenant-Id header is not what scopes these routes: A still sees only A's tokens.
    const ownList = await send(app, 'get', `${SA_BASE}/tokens?status=all`, {
      token: tokenA,
      headers: { 'x-tenant-id': ownerB.tenantId },
    });
    expect(ownList.status).toBe(200);
    const page = (await ownList.json()) as { items: { jti: string; tenant_id: string | null }[] };
    expect(page.items.filter((item) => item.tenant_id !== adminA.tenantId)).toEqual([]);
    expect(page.items.map((item) => item.jti)).not.toContain(serviceTokenB);
    const revoke = await send(app, 'post', `${SA_BASE}/tokens/${serviceTokenB}/revoke`, {
      token: tokenA,
      body: {},
    });
    expect(revoke.status).toBe(404);
    const theirs = await send(app, 'get', `${SA_BASE}/tokens?status=active`, { token: tokenB });
    const active = ((await theirs.json()) as { items: { jti: string }[] }).items.map((item) => item.jti);
    expect(active).toContain(serviceTokenB);
  });

  it('a notification preference for tenant B is refused even by body tenant_id', async () => {
    const response = await send(app, 'put', '/api/v1/users/notification-preferences', {
      token: tokenA,
      body: { channel: 'email', category: 'digest', tenant_id: ownerB.tenantId },
    });
    expect(response.status).toBe(403);
  });
});
