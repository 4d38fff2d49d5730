import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, loginTokens, postJson } from '../auth/auth-test-support.js';
import { type AccountTestApp, createAccountTestApp, emailedToken, sendJson } from './account-test-support.js';

const AUTH = '/api/v1/auth';
const newPassword = () => `Quiet-Lantern-${randomUUID()}!`;

describe('email and password routes', { timeout: 60_000 }, () => {
  let t: AccountTestApp;

  beforeAll(async () => {
    t = await createAccountTestApp();
  }, 120_000);
  afterAll(async () => {
    await t.deps.dispose();
  });

  it('resets a forgotten password with the emailed token, once, and revokes the sessions', async () => {
    const member = await createMember(t.deps);
    const before = await loginTokens(t.app, member);
    const unknown = await postJson(t.app, `${AUTH}/password/forgot`, {
      email: `nobody-${randomUUID()}@example.com`,
    });
    const forgot = await postJson(t.app, `${AUTH}/password/forgot`, { email: member.email });
    expect(forgot.status).toBe(202);
    const body = await forgot.json();
    expect(body).toMatchObject({ success: true, data: null });
    // The same answer whether or not the account exists.
    expect(await unknown.json()).toEqual(body);

    const token = emailedToken(t.outbox, member.email);
    const password = newPassword();
    const confirm = await postJson(t.app, `${AUTH}/password/confirm`, { token, new_password: password });
    expect(confirm.status).toBe(200);
    expect(await confirm.json()).toMatchObject({ success: true, data: { user_id: member.userId } });
    const replay = await postJson(t.app, `${AUTH}/password/confirm`, { token, new_password: newPassword() });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ success: false, error: 'BadRequest' });

    expect((await postJson(t.app, `${AUTH}/refresh`, { refresh_token: before.refresh_token })).status).toBe(
      401,
    );
    await loginTokens(t.app, { ...member, password });
    const old = await postJson(t.app, `${AUTH}/token`, { email: member.email, password: member.password });
    expect(old.status).toBe(401);
  });

  it('changes the password and revokes every session: the old refresh token then fails', async () => {
    const member = await createMember(t.deps);
    const session = await loginTokens(t.app, member);
    const wrong = await postJson(
      t.app,
      `${AUTH}/password/change`,
      { current_password: `not-${member.password}`, new_password: newPassword() },
      { token: session.access_token },
    );
    expect(wrong.status).toBe(401);

    const change = await postJson(
      t.app,
      `${AUTH}/password/change`,
      { current_password: member.password, new_password: newPassword() },
      { token: session.access_token },
    );
    expect(change.status).toBe(200);
    const { data } = (await change.json()) as { data: { revoked_sessions: number } };
    expect(data.revoked_sessions).toBeGreaterThanOrEqual(1);
    const refresh = await postJson(t.app, `${AUTH}/refresh`, { refresh_token: session.refresh_token });
    expect(refresh.status).toBe(401);
  });

  it('needs an access token to change a password and to send a verification email', async () => {
    const member = await createMember(t.deps);
    const session = await loginTokens(t.app, member);
    const anonymous = await postJson(t.app, `${AUTH}/password/change`, {
      current_password: member.password,
      new_password: newPassword(),
    });
    expect(anonymous.status).toBe(401);
    const withRefresh = await postJson(t.app, `${AUTH}/email/send`, {}, { token: session.refresh_token });
    expect(withRefresh.status).toBe(401);
  });

  it('verifies an email with the emailed token and revokes the sessions', async () => {
    const member = await createMember(t.deps, { emailVerified: false });
    const session = await loginTokens(t.app, member);
    const send = await postJson(t.app, `${AUTH}/email/send`, {}, { token: session.access_token });
    expect(send.status).toBe(202);
    expect(await send.json()).toMatchObject({ success: true, message: 'Verification email sent.' });

    const token = emailedToken(t.outbox, member.email);
    const verify = await postJson(t.app, `${AUTH}/email/verify`, { token });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ success: true, data: { user_id: member.userId } });
    expect((await postJson(t.app, `${AUTH}/refresh`, { refresh_token: session.refresh_token })).status).toBe(
      401,
    );

    const fresh = await loginTokens(t.app, member);
    const again = await postJson(t.app, `${AUTH}/email/send`, {}, { token: fresh.access_token });
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ message: 'Email already verified.' });
  });

  it('lets a support:read admin reset a member of its tenant, and answers 404 across tenants', async () => {
    const admin = await createMember(t.deps, { role: 'owner' });
    const colleague = await createMember(t.deps, { role: 'member', tenantId: admin.tenantId });
    const stranger = await createMember(t.deps, { role: 'member' });
    const adminSession = await loginTokens(t.app, admin);
    const colleagueSession = await loginTokens(t.app, colleague);

    const foreign = await postJson(
      t.app,
      `${AUTH}/password/reset`,
      { user_id: stranger.userId, new_password: newPassword() },
      { token: adminSession.access_token },
    );
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ success: false, error: 'NotFound' });
    await loginTokens(t.app, stranger);

    const memberAttempt = await postJson(
      t.app,
      `${AUTH}/password/reset`,
      { user_id: admin.userId, new_password: newPassword() },
      { token: colleagueSession.access_token },
    );
    expect(memberAttempt.status).toBe(403);

    const password = newPassword();
    const reset = await postJson(
      t.app,
      `${AUTH}/password/reset`,
      { user_id: colleague.userId, new_password: password },
      { token: adminSession.access_token },
    );
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ success: true, data: { user_id: colleague.userId } });
    const refresh = await postJson(t.app, `${AUTH}/refresh`, {
      refresh_token: colleagueSession.refresh_token,
    });
    expect(refresh.status).toBe(401);
    await loginTokens(t.app, { ...colleague, password });
  });

  it('answers malformed bodies with the 422 validation envelope', async () => {
    const member = await createMember(t.deps);
    const session = await loginTokens(t.app, member);
    const cases: [string, unknown, string | undefined][] = [
      [`${AUTH}/password/forgot`, { email: 'not-an-email' }, undefined],
      [`${AUTH}/password/confirm`, { token: 'x' }, undefined],
      [`${AUTH}/email/verify`, {}, undefined],
      [`${AUTH}/password/change`, { current_password: member.password }, session.access_token],
      [`${AUTH}/password/reset`, { user_id: 'nope', new_password: newPassword() }, session.access_token],
    ];
    for (const [path, body, token] of cases) {
      const response = await sendJson(t.app, 'POST', path, {
        body,
        ...(token === undefined ? {} : { token }),
      });
      expect(response.status, path).toBe(422);
      expect(await response.json(), path).toMatchObject({
        success: false,
        error: 'ValidationError',
        message: 'Request validation failed.',
      });
    }
  });
});
