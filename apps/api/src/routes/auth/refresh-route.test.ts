import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, getWithToken, loginTokens, postJson } from './auth-test-support.js';

const REFRESH = '/api/v1/auth/refresh';
const REVOKED = {
  success: false,
  error: 'Unauthorized',
  message: 'Refresh token has been revoked or expired.',
  details: null,
};

describe('POST /api/v1/auth/refresh', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('rotates: a new pair of the same session, the old jti revoked as rotated', async () => {
    const member = await createMember(deps);
    const first = await loginTokens(app, member);
    const response = await postJson(app, REFRESH, { refresh_token: first.refresh_token });
    expect(response.status).toBe(200);
    const second = (await response.json()) as typeof first;
    expect(second.session_id).toBe(first.session_id);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await getWithToken(app, '/api/v1/auth/me', second.access_token)).status).toBe(200);

    const { sessions } = deps.identity.repositories;
    const oldClaims = await deps.identity.tokens.verifyRefreshToken(first.refresh_token);
    const newClaims = await deps.identity.tokens.verifyRefreshToken(second.refresh_token);
    expect(newClaims.sid).toBe(oldClaims.sid);
    const oldRow = await sessions.findTokenByJti(oldClaims.jti);
    expect(oldRow).toMatchObject({ revoked_reason: 'rotated', rotated_to_jti: newClaims.jti });
    expect(oldRow?.token_hash).not.toContain(first.refresh_token.slice(0, 16));
    expect((await sessions.findSession(first.session_id as never))?.refresh_jti).toBe(newClaims.jti);
  });

  it("treats a replayed rotated token as reuse: 401, and the session's new token is revoked too", async () => {
    const member = await createMember(deps);
    const first = await loginTokens(app, member);
    const second = (await (await postJson(app, REFRESH, { refresh_token: first.refresh_token })).json()) as {
      refresh_token: string;
    };
    const replay = await postJson(app, REFRESH, { refresh_token: first.refresh_token });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual(REVOKED);

    const afterReuse = await postJson(app, REFRESH, { refresh_token: second.refresh_token });
    expect(afterReuse.status).toBe(401);
    expect(await afterReuse.json()).toEqual(REVOKED);
    const session = await deps.identity.repositories.sessions.findSession(first.session_id as never);
    expect(session?.revoked_reason).toBe('refresh_token_reuse');
    const events = await deps.identity.repositories.securityEvents.listForUser(member.userId, 10);
    expect(events.map((event) => event.event_type)).toContain('refresh_token_reuse');
  });

  it('refuses revoked, unknown and access tokens, and locked or disabled users', async () => {
    const member = await createMember(deps);
    const tokens = await loginTokens(app, member);
    expect((await postJson(app, REFRESH, { refresh_token: tokens.access_token })).status).toBe(401);
    expect((await postJson(app, REFRESH, { refresh_token: 'not.a.jwt' })).status).toBe(401);

    const { users } = deps.identity.repositories;
    await users.lock(member.userId, new Date(Date.now() + 3_600_000));
    const locked = await postJson(app, REFRESH, { refresh_token: tokens.refresh_token });
    expect(locked.status).toBe(423);
    await users.updateStatus(member.userId, 'disabled');
    expect((await postJson(app, REFRESH, { refresh_token: tokens.refresh_token })).status).toBe(403);
    await users.updateStatus(member.userId, 'active');

    await deps.identity.sessions.logoutAll(member.userId);
    const revoked = await postJson(app, REFRESH, { refresh_token: tokens.refresh_token });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual(REVOKED);
  });

  it('answers a missing refresh_token with the 422 envelope', async () => {
    const response = await postJson(app, REFRESH, { token: 'x' });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: 'ValidationError',
      message: 'Request validation failed.',
    });
  });
});
