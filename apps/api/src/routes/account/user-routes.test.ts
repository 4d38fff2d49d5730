import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { createMember, loginTokens } from '../auth/auth-test-support.js';
import { type AccountTestApp, createAccountTestApp, emailedToken, sendJson } from './account-test-support.js';
import { registerAccountRoutes } from './index.js';

const USERS = '/api/v1/users';

describe('/users routes', { timeout: 60_000 }, () => {
  let t: AccountTestApp;

  beforeAll(async () => {
    t = await createAccountTestApp();
  }, 120_000);
  afterAll(async () => {
    await t.deps.dispose();
  });

  it('returns the profile for an access token and refuses a refresh token with 401 (behaviour 3)', async () => {
    const member = await createMember(t.deps, { role: 'admin' });
    const session = await loginTokens(t.app, member);
    const me = await sendJson(t.app, 'GET', `${USERS}/me`, { token: session.access_token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      success: true,
      data: { user_id: member.userId, tenant_id: member.tenantId, email: member.email, role: 'admin' },
    });
    const refresh = await sendJson(t.app, 'GET', `${USERS}/me`, { token: session.refresh_token });
    expect(refresh.status).toBe(401);
    expect(await refresh.json()).toMatchObject({ success: false, error: 'Unauthorized' });
  });

  it('updates the profile partially and refuses unknown or oversized fields with 422', async () => {
    const member = await createMember(t.deps);
    const { access_token: token } = await loginTokens(t.app, member);
    const update = await sendJson(t.app, 'PATCH', `${USERS}/me/profile`, {
      token,
      body: { display_name: 'Ada', timezone: 'Europe/Paris' },
    });
    expect(update.status).toBe(200);
    expect(await update.json()).toMatchObject({ data: { display_name: 'Ada', timezone: 'Europe/Paris' } });
    const clear = await sendJson(t.app, 'PATCH', `${USERS}/me/profile`, {
      token,
      body: { display_name: null },
    });
    expect(await clear.json()).toMatchObject({ data: { display_name: null, timezone: 'Europe/Paris' } });

    for (const body of [
      { role: 'owner' },
      { display_name: 'x'.repeat(129) },
      { avatar_url: 'ftp://a.b/c' },
    ]) {
      const response = await sendJson(t.app, 'PATCH', `${USERS}/me/profile`, { token, body });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ success: false, error: 'ValidationError' });
    }
  });

  it('changes the email (sending a new verification link), 409 when taken', async () => {
    const member = await createMember(t.deps);
    const other = await createMember(t.deps);
    const { access_token: token } = await loginTokens(t.app, member);
    const taken = await sendJson(t.app, 'PATCH', `${USERS}/me/email`, {
      token,
      body: { new_email: other.email, current_password: member.password },
    });
    expect(taken.status).toBe(409);

    const newEmail = `renamed-${member.email}`;
    const change = await sendJson(t.app, 'PATCH', `${USERS}/me/email`, {
      token,
      body: { new_email: newEmail, current_password: member.password },
    });
    expect(change.status).toBe(200);
    expect(await change.json()).toMatchObject({ data: { email: newEmail, verification_sent: true } });
    expect(emailedToken(t.outbox, newEmail)).toMatch(/\./);
    const me = await sendJson(t.app, 'GET', `${USERS}/me`, { token });
    expect(await me.json()).toMatchObject({ data: { email: newEmail, email_verified: false } });
  });

  it('records consents idempotently and keeps notification preferences per tenant', async () => {
    const member = await createMember(t.deps, { role: 'viewer' });
    const { access_token: token } = await loginTokens(t.app, member);
    const consent = { policy_key: 'terms', version: '2024-01' };
    const first = await sendJson(t.app, 'POST', `${USERS}/consents`, { token, body: consent });
    const second = await sendJson(t.app, 'POST', `${USERS}/consents`, { token, body: consent });
    expect(first.status).toBe(200);
    const [one, two] = (await Promise.all([first.json(), second.json()])) as { data: unknown }[];
    expect(two?.data).toEqual(one?.data);
    const consents = await sendJson(t.app, 'GET', `${USERS}/consents`, { token });
    expect(await consents.json()).toMatchObject({ data: [consent] });

    const put = await sendJson(t.app, 'PUT', `${USERS}/notification-preferences`, {
      token,
      body: { channel: 'email', category: 'billing', enabled: false },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ data: { tenant_id: member.tenantId, enabled: false } });
    const list = await sendJson(t.app, 'GET', `${USERS}/notification-preferences`, { token });
    expect(await list.json()).toMatchObject({ data: [{ channel: 'email', category: 'billing' }] });

    const mismatch = await sendJson(t.app, 'GET', `${USERS}/notification-preferences`, {
      token,
      headers: { 'x-tenant-id': (await createMember(t.deps)).tenantId },
    });
    expect(mismatch.status).toBe(403);
    const invalid = await sendJson(t.app, 'PUT', `${USERS}/notification-preferences`, {
      token,
      body: { channel: 'x'.repeat(17), category: 'billing' },
    });
    expect(invalid.status).toBe(422);
  });

  it('disables the account with the password, revoking its sessions', async () => {
    const owner = await createMember(t.deps);
    const member = await createMember(t.deps, { role: 'member', tenantId: owner.tenantId });
    const session = await loginTokens(t.app, member);
    const wrong = await sendJson(t.app, 'POST', `${USERS}/me/disable`, {
      token: session.access_token,
      body: { current_password: `x${member.password}` },
    });
    expect(wrong.status).toBe(401);
    const disable = await sendJson(t.app, 'POST', `${USERS}/me/disable`, {
      token: session.access_token,
      body: { current_password: member.password },
    });
    expect(disable.status).toBe(200);
    expect(await disable.json()).toMatchObject({ data: { revoked_sessions: 1 } });
    const login = await sendJson(t.app, 'POST', '/api/v1/auth/token', {
      body: { email: member.email, password: member.password },
    });
    expect(login.status).toBe(403);
  });

  it('documents every account route in the OpenAPI document, with bearer security except for PUB', async () => {
    // Generated from an app holding only these routes, so other areas' schemas cannot mask a failure here.
    const app = new OpenAPIHono<AppEnv>();
    const authorizer = createAuthorizer({
      tokens: t.deps.identity.tokens,
      requireEmailVerification: true,
      loadTenant: async () => null,
      logger: t.deps.logger,
    });
    registerAccountRoutes(app, t.deps, authorizer);
    const document = app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'account', version: '1' },
    }) as unknown as {
      paths: Record<string, Record<string, unknown>>;
    };
    const expected: [string, string][] = [
      ['/api/v1/auth/email/send', 'post'],
      ['/api/v1/auth/email/verify', 'post'],
      ['/api/v1/auth/password/forgot', 'post'],
      ['/api/v1/auth/password/confirm', 'post'],
      ['/api/v1/auth/password/change', 'post'],
      ['/api/v1/auth/password/reset', 'post'],
      ['/api/v1/auth/mfa', 'get'],
      ['/api/v1/auth/mfa/totp/enroll', 'post'],
      ['/api/v1/auth/mfa/totp/verify', 'post'],
      ['/api/v1/auth/mfa/{method_id}', 'delete'],
      ['/api/v1/auth/mfa/recovery/regenerate', 'post'],
      ['/api/v1/auth/mfa/complete', 'post'],
      [`${USERS}/me`, 'get'],
      [`${USERS}/me/profile`, 'patch'],
      [`${USERS}/me/email`, 'patch'],
      [`${USERS}/me/disable`, 'post'],
      [`${USERS}/consents`, 'get'],
      [`${USERS}/consents`, 'post'],
      [`${USERS}/notification-preferences`, 'get'],
      [`${USERS}/notification-preferences`, 'put'],
    ];
    for (const [path, method] of expected)
      expect(document.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(document.paths['/api/v1/auth/mfa/complete']?.post).not.toHaveProperty('security');
    expect(document.paths[`${USERS}/me`]?.get).toHaveProperty('security');
  });
});
