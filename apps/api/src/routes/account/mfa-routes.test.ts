import { totpCode } from '@starter/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, loginTokens, postJson, type TestMember } from '../auth/auth-test-support.js';
import { type AccountTestApp, createAccountTestApp, sendJson } from './account-test-support.js';

const AUTH = '/api/v1/auth';
const STEP_MS = 30_000;

interface Enrolled {
  member: TestMember;
  accessToken: string;
  methodId: string;
  secret: string;
}

describe('MFA routes', { timeout: 60_000 }, () => {
  let t: AccountTestApp;

  beforeAll(async () => {
    t = await createAccountTestApp();
  }, 120_000);
  afterAll(async () => {
    await t.deps.dispose();
  });

  /** A member with a verified TOTP method, enrolled through the routes. */
  async function enrolled(): Promise<Enrolled> {
    const member = await createMember(t.deps);
    const { access_token: accessToken } = await loginTokens(t.app, member);
    const enroll = await sendJson(t.app, 'POST', `${AUTH}/mfa/totp/enroll?label=Phone`, {
      token: accessToken,
    });
    expect(enroll.status).toBe(201);
    const { data } = (await enroll.json()) as {
      data: { method_id: string; secret: string; otpauth_url: string };
    };
    expect(data.otpauth_url).toMatch(/^otpauth:\/\/totp\//);

    const wrong = await postJson(
      t.app,
      `${AUTH}/mfa/totp/verify`,
      { method_id: data.method_id, code: '000000' },
      { token: accessToken },
    );
    expect(wrong.status).toBe(400);
    const verify = await postJson(
      t.app,
      `${AUTH}/mfa/totp/verify`,
      { method_id: data.method_id, code: totpCode(data.secret, Date.now()) },
      { token: accessToken },
    );
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({
      success: true,
      data: { id: data.method_id, label: 'Phone' },
    });
    return { member, accessToken, methodId: data.method_id, secret: data.secret };
  }

  it('turns a password login into a 202 challenge that /auth/mfa/complete exchanges for tokens (behaviour 4)', async () => {
    const { member, methodId, secret } = await enrolled();
    const login = await postJson(t.app, `${AUTH}/token`, { email: member.email, password: member.password });
    expect(login.status).toBe(202);
    const challenge = (await login.json()) as { mfa_required: boolean; challenge_token: string };
    expect(challenge.mfa_required).toBe(true);

    const badCode = await postJson(t.app, `${AUTH}/mfa/complete`, {
      challenge_token: challenge.challenge_token,
      method_id: methodId,
      code: '000000',
    });
    expect(badCode.status).toBe(401);
    // The verify step used the current time step; the next one (inside the ±1 window) is still fresh.
    const complete = await postJson(t.app, `${AUTH}/mfa/complete`, {
      challenge_token: challenge.challenge_token,
      method_id: methodId,
      code: totpCode(secret, Date.now() + STEP_MS),
    });
    expect(complete.status).toBe(200);
    const { data } = (await complete.json()) as { data: { access_token: string; user_id: string } };
    expect(data.user_id).toBe(member.userId);
    const me = await sendJson(t.app, 'GET', '/api/v1/users/me', { token: data.access_token });
    expect(me.status).toBe(200);
  });

  it('lists, regenerates recovery codes for, and revokes only its own methods', async () => {
    const alice = await enrolled();
    const bob = await enrolled();

    const foreign = await sendJson(t.app, 'DELETE', `${AUTH}/mfa/${bob.methodId}`, {
      token: alice.accessToken,
    });
    expect(foreign.status).toBe(404);
    const bobList = await sendJson(t.app, 'GET', `${AUTH}/mfa`, { token: bob.accessToken });
    expect(await bobList.json()).toMatchObject({ data: [{ id: bob.methodId, revoked_at: null }] });

    const codes = await postJson(t.app, `${AUTH}/mfa/recovery/regenerate`, {}, { token: alice.accessToken });
    expect(codes.status).toBe(200);
    const { data } = (await codes.json()) as { data: { codes: string[] } };
    expect(data.codes).toHaveLength(10);

    const revoke = await sendJson(t.app, 'DELETE', `${AUTH}/mfa/${alice.methodId}`, {
      token: alice.accessToken,
    });
    expect(revoke.status).toBe(200);
    const aliceList = await sendJson(t.app, 'GET', `${AUTH}/mfa`, { token: alice.accessToken });
    const listed = (await aliceList.json()) as { data: { id: string; revoked_at: string | null }[] };
    expect(listed.data.find((method) => method.id === alice.methodId)?.revoked_at).not.toBeNull();
    // Without a live method the password alone logs in again.
    await loginTokens(t.app, alice.member);
  });

  it('answers malformed MFA requests with the 422 envelope and needs a token for method routes', async () => {
    const member = await createMember(t.deps);
    const { access_token: token } = await loginTokens(t.app, member);
    const responses = [
      await sendJson(t.app, 'DELETE', `${AUTH}/mfa/not-a-uuid`, { token }),
      await postJson(t.app, `${AUTH}/mfa/totp/verify`, { method_id: 'x', code: '123456' }, { token }),
      await postJson(t.app, `${AUTH}/mfa/complete`, { challenge_token: 'abc', method_id: 'sms', code: '1' }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ success: false, error: 'ValidationError' });
    }
    expect((await sendJson(t.app, 'GET', `${AUTH}/mfa`)).status).toBe(401);
  });
});
