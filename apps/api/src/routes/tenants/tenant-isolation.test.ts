import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { createAuthorizer } from '../../auth/index.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import type { AppEnv } from '../../http/app-env.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';
import { fillPath, type ProtectedRoute, registerTenantRoutes, tenantAdminService } from './index.js';

/** How to call one tenant route; `param` names a resource of tenant B, which A must not reach. */
interface Sample {
  body?: unknown;
  param?: () => string;
  headers?: () => Record<string, string>;
}

describe('cross-tenant isolation of every T route (spec §7.9)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let tenantRoutes: ProtectedRoute[];
  let adminA: TestMember;
  let tokenA: string;
  let ownerB: TestMember;
  let memberB: TestMember;
  let inviteB: string;
  let settingsVersionA = 0;

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
  };
  const keyOf = (route: ProtectedRoute) => `${route.method} ${route.path}`;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    // The route table as registered: the same register function as the app, on a throwaway app.
    const authorizer = createAuthorizer({
      tokens: deps.identity.tokens,
      requireEmailVerification: true,
      loadTenant: async (id) => (await deps.identity.repositories.tenants.findById(id)) ?? null,
      logger: deps.logger,
    });
    const table = registerTenantRoutes(new OpenAPIHono<AppEnv>(), {
      admin: tenantAdminService(deps),
      authorizer,
    });
    tenantRoutes = table.filter((route) => route.requirement.kind === 'T');

    adminA = await createMember(deps, { role: 'admin' });
    tokenA = await accessToken(app, adminA);
    ownerB = await createMember(deps, { role: 'owner' });
    memberB = await createMember(deps, { role: 'member', tenantId: ownerB.tenantId });
    const tokenB = await accessToken(app, ownerB);
    const invite = await send(app, 'post', '/api/v1/tenants/invites', {
      token: tokenB,
      body: { invited_email: `b-${randomUUID()}@example.com`, role: 'viewer' },
    });
    inviteB = ((await invite.json()) as { id: string }).id;
    const outsider = await createMember(deps);
    samples['post /api/v1/tenants/members'] = { body: { email: outsider.email, role: 'viewer' } };
    const settings = await send(app, 'get', '/api/v1/tenants/settings', { token: tokenA });
    settingsVersionA = ((await settings.json()) as { version: number }).version;
  });
  afterAll(async () => {
    await deps.dispose();
  });

  function call(route: ProtectedRoute, extraHeaders: Record<string, string>): Promise<Response> {
    const sample = samples[keyOf(route)] ?? {};
    const path = sample.param === undefined ? route.path : fillPath(route.path, sample.param());
    return send(app, route.method, path, {
      token: tokenA,
      headers: { ...sample.headers?.(), ...extraHeaders },
      ...(sample.body === undefined ? {} : { body: sample.body }),
    });
  }

  it('the table lists the tenant routes and every one has a sample', () => {
    expect(tenantRoutes.length).toBeGreaterThanOrEqual(12);
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
      const expected = sample?.param === undefined ? 'success' : 'not-found';
      const outcome =
        response.status === 404 ? 'not-found' : response.status < 300 ? 'success' : `${response.status}`;
      expect({ route: keyOf(route), outcome, text: outcome === expected ? '' : text }).toEqual({
        route: keyOf(route),
        outcome: expected,
        text: '',
      });
      expect(text).not.toContain(ownerB.tenantId);
    }
    const tokenB = await accessToken(app, ownerB);
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
});
