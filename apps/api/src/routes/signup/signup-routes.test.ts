import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, getWithToken } from '../auth/auth-test-support.js';
import { accessToken, makeOperator, send } from '../platform/platform-test-support.js';

const AUTH = '/api/v1/auth';

function registration(email: string, extra: Record<string, unknown> = {}) {
  return {
    email,
    password: `Signup-Pass-${randomUUID()}`,
    tenant_name: 'Signup Co',
    accept_terms: true,
    ...extra,
  };
}

describe('signup routes under invite_only (spec §1.6, behaviour 23)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let operatorToken: string;
  let memberToken: string;
  // Distinct client IPs keep each case clear of the per-IP signup quotas.
  let ipCounter = 0;
  const ip = () => ({ 'x-forwarded-for': `203.0.113.${++ipCounter}` });

  beforeAll(async () => {
    deps = await createTestDependencies({ SIGNUP_ACCESS_POLICY: 'invite_only' }, undefined, {
      migrate: true,
    });
    app = createApp(deps);
    const operator = await createMember(deps);
    await makeOperator(deps, operator);
    operatorToken = await accessToken(app, operator);
    memberToken = await accessToken(app, await createMember(deps));
  });
  afterAll(async () => {
    await deps.dispose();
  });

  async function issueInvite(email: string): Promise<{ id: string; invite_token: string }> {
    const response = await send(app, 'post', `${AUTH}/invites`, {
      token: operatorToken,
      body: { invited_email: email },
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; invite_token: string };
  }

  it('publishes the policy', async () => {
    const response = await send(app, 'get', `${AUTH}/signup-policy`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      policy: 'invite_only',
      invite_required: true,
      request_access_enabled: true,
    });
  });

  it('refuses registration without an invite, or with one for another email', async () => {
    const email = `new-${randomUUID()}@example.com`;
    const bare = await send(app, 'post', `${AUTH}/register`, { body: registration(email), headers: ip() });
    expect(bare.status).toBe(403);
    expect(await bare.json()).toMatchObject({ success: false });
    const other = await issueInvite(`someone-else-${randomUUID()}@example.com`);
    const mismatched = await send(app, 'post', `${AUTH}/register`, {
      body: registration(email, { invite_token: other.invite_token }),
      headers: ip(),
    });
    expect(mismatched.status).toBe(403);
  });

  it('registers with an operator invite; the tokens work; the email cannot register twice', async () => {
    const email = `invited-${randomUUID()}@example.com`;
    const invite = await issueInvite(email);
    const response = await send(app, 'post', `${AUTH}/register`, {
      body: registration(email, { invite_token: invite.invite_token }),
      headers: ip(),
    });
    expect(response.status).toBe(201);
    const tokens = (await response.json()) as {
      access_token: string;
      tenant_slug: string;
      tenant_id: string;
    };
    expect(tokens.tenant_slug).toMatch(/^signup-co/);
    const me = await getWithToken(app, `${AUTH}/me`, tokens.access_token);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ data: { token_payload: { tenant_id: tokens.tenant_id } } });
    // The new owner has not verified the email yet: tenant routes (V) wait for that.
    const account = await send(app, 'get', '/api/v1/tenants/account', { token: tokens.access_token });
    expect(account.status).toBe(403);
    expect(await account.json()).toMatchObject({ message: 'Email verification required.' });

    const again = await send(app, 'post', `${AUTH}/register`, {
      body: registration(email, { invite_token: invite.invite_token }),
      headers: ip(),
    });
    expect(again.status).toBe(409);
  });

  it('answers malformed registrations with the 422 envelope', async () => {
    const response = await send(app, 'post', `${AUTH}/register`, {
      body: registration('not-an-email', { accept_terms: false }),
      headers: ip(),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ success: false, error: 'ValidationError' });
  });

  it('keeps the invite routes to callers with auth:invites', async () => {
    expect((await send(app, 'get', `${AUTH}/invites`, { token: memberToken })).status).toBe(403);
    expect((await send(app, 'post', `${AUTH}/invites`, { token: memberToken, body: {} })).status).toBe(403);
    const invite = await issueInvite(`listed-${randomUUID()}@example.com`);
    const listed = await send(app, 'get', `${AUTH}/invites?status=active`, { token: operatorToken });
    expect(listed.status).toBe(200);
    const page = (await listed.json()) as { items: { id: string; issued_by: string }[] };
    expect(page.items.map((item) => item.id)).toContain(invite.id);
    const revoked = await send(app, 'post', `${AUTH}/invites/${invite.id}/revoke`, { token: operatorToken });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ status: 'revoked', revoked_reason: 'operator_action' });
    const twice = await send(app, 'post', `${AUTH}/invites/${invite.id}/revoke`, { token: operatorToken });
    expect(twice.status).toBe(404);
  });

  it('records access requests for operators to approve or reject', async () => {
    const email = `asker-${randomUUID()}@example.com`;
    const asked = await send(app, 'post', `${AUTH}/request-access`, {
      body: { email, organization: 'Askers Ltd', full_name: 'Ann Asker' },
      headers: ip(),
    });
    expect(asked.status).toBe(202);
    expect(await asked.json()).toMatchObject({ policy: 'invite_only' });
    const rejectMe = await send(app, 'post', `${AUTH}/request-access`, {
      body: { email: `other-${email}`, organization: 'Other Ltd', full_name: 'Otto' },
      headers: ip(),
    });
    expect(rejectMe.status).toBe(202);

    expect((await send(app, 'get', `${AUTH}/signup-requests`, { token: memberToken })).status).toBe(403);
    const listed = await send(app, 'get', `${AUTH}/signup-requests?status=pending`, { token: operatorToken });
    const requests = ((await listed.json()) as { items: { id: string; email: string }[] }).items;
    const mine = requests.find((request) => request.email === email);
    const other = requests.find((request) => request.email === `other-${email}`);
    if (mine === undefined || other === undefined) throw new Error('access requests not listed');

    const approved = await send(app, 'post', `${AUTH}/signup-requests/${mine.id}/approve`, {
      token: operatorToken,
      body: { note: 'welcome' },
    });
    expect(approved.status).toBe(200);
    const result = (await approved.json()) as {
      request: { status: string };
      invite: { invite_token: string };
    };
    expect(result.request.status).toBe('approved');
    const conflict = await send(app, 'post', `${AUTH}/signup-requests/${mine.id}/approve`, {
      token: operatorToken,
      body: {},
    });
    expect(conflict.status).toBe(409);
    const registered = await send(app, 'post', `${AUTH}/register`, {
      body: registration(email, { invite_token: result.invite.invite_token }),
      headers: ip(),
    });
    expect(registered.status).toBe(201);

    const rejected = await send(app, 'post', `${AUTH}/signup-requests/${other.id}/reject`, {
      token: operatorToken,
      body: { reason: 'not a fit' },
    });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ status: 'rejected', decision_reason: 'not a fit' });
  });
});
