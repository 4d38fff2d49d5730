import { generateTotpSecret } from '@starter/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, postJson } from './auth-test-support.js';

const TOKEN = '/api/v1/auth/token';

describe('POST /api/v1/auth/token', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('issues session tokens whose access token verifies with the login scopes and session', async () => {
    const member = await createMember(deps, { role: 'member' });
    const response = await postJson(app, TOKEN, {
      email: member.email.toUpperCase(),
      password: member.password,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'bearer',
      user_id: member.userId,
      tenant_id: member.tenantId,
      email_verified: true,
      scopes: ['conversations:read', 'conversations:write', 'tools:read'],
    });
    const claims = await deps.identity.tokens.verifyAccessToken(body.access_token as string);
    expect(claims).toMatchObject({ sub: `user:${member.userId}`, sid: body.session_id, roles: ['member'] });

    const session = await deps.identity.repositories.sessions.findSession(body.session_id as never);
    expect(session).toMatchObject({
      user_id: member.userId,
      ip_masked: '198.51.100.x',
      client_browser: 'Chrome 120',
    });
    expect(session?.ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(deps.identity.secretBox.open(session?.ip_encrypted ?? '', session?.id)).toBe('198.51.100.7');
    const events = await deps.identity.repositories.loginEvents.listForUser(member.userId, 5);
    expect(events.map((event) => event.result)).toEqual(['success']);
  });

  it('answers wrong passwords and unknown emails with the same 401 envelope', async () => {
    const member = await createMember(deps);
    for (const body of [
      { email: member.email, password: 'not-the-password' },
      { email: 'nobody-here@example.com', password: 'whatever-it-is' },
    ]) {
      const response = await postJson(app, TOKEN, body, { ip: '203.0.113.10' });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        success: false,
        error: 'Unauthorized',
        message: 'Invalid credentials.',
        details: null,
      });
    }
  });

  it('refuses users without a membership, and asks multi-tenant users to pick a tenant', async () => {
    const member = await createMember(deps, { role: 'member' });
    expect(await deps.identity.repositories.memberships.remove(member.tenantId, member.userId)).toMatchObject(
      {
        status: 'ok',
      },
    );
    const none = await postJson(app, TOKEN, { email: member.email, password: member.password });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ message: 'User is not a member of any tenant.' });

    const multi = await createMember(deps);
    const other = await createMember(deps);
    await deps.identity.repositories.memberships.add(other.tenantId, {
      userId: multi.userId,
      role: 'viewer',
    });
    const ambiguous = await postJson(app, TOKEN, { email: multi.email, password: multi.password });
    expect(ambiguous.status).toBe(400);
    const picked = await postJson(app, TOKEN, {
      email: multi.email,
      password: multi.password,
      tenant_id: other.tenantId,
    });
    expect(picked.status).toBe(200);
    expect(await picked.json()).toMatchObject({
      tenant_id: other.tenantId,
      scopes: ['conversations:read', 'tools:read'],
    });
  });

  it('refuses disabled and pending accounts with 403', async () => {
    for (const status of ['disabled', 'pending'] as const) {
      const member = await createMember(deps, { status });
      const response = await postJson(app, TOKEN, { email: member.email, password: member.password });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ success: false, error: 'Forbidden' });
    }
  });

  it('answers 202 with a challenge when the user has a verified TOTP method', async () => {
    const member = await createMember(deps);
    const { mfa } = deps.identity.repositories;
    const method = await mfa.createMethod(member.userId, {
      methodType: 'totp',
      label: 'Phone',
      secretEncrypted: deps.identity.secretBox.seal(generateTotpSecret()),
    });
    // An unverified method does not count yet.
    expect((await postJson(app, TOKEN, { email: member.email, password: member.password })).status).toBe(200);
    await mfa.acceptTotpStep(member.userId, method.id, 1);

    const response = await postJson(app, TOKEN, { email: member.email, password: member.password });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { challenge_token: string };
    expect(body).toEqual({
      mfa_required: true,
      challenge_token: expect.any(String),
      methods: [{ id: method.id, method_type: 'totp', label: 'Phone' }],
    });
    const claims = await deps.identity.tokens.verifyMfaChallengeToken(body.challenge_token);
    expect(claims).toMatchObject({
      sub: `user:${member.userId}`,
      tenant_id: member.tenantId,
      login_reason: 'login',
    });
  });

  it('answers malformed bodies with the 422 envelope', async () => {
    for (const body of [
      {},
      { email: 'not-an-email', password: 'x' },
      { email: 'a@example.com', password: '' },
    ]) {
      const response = await postJson(app, TOKEN, body);
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ success: false, error: 'ValidationError' });
    }
    const broken = await app.request(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect([400, 422]).toContain(broken.status);
    expect(await broken.json()).toMatchObject({ success: false });
  });
});
