import {
  createKeyManager,
  createMemoryKeysetStore,
  createTokenService,
  type TokenService,
} from '@starter/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, getWithToken, loginTokens } from './auth-test-support.js';

const ME = '/api/v1/auth/me';

describe('GET /api/v1/auth/me and the bearer check', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  /** A token service like the app's, but signing with `keys` and/or at another time. */
  function tokenServiceWith(options: { keyset?: 'next'; clockOffsetMs?: number }): Promise<TokenService> {
    return (async () => {
      const keyset = await deps.identity.keys.ensureKeyset();
      const clock = {
        now: () => Date.now() + (options.clockOffsetMs ?? 0),
        date: () => new Date(Date.now() + (options.clockOffsetMs ?? 0)),
      };
      const store =
        options.keyset === 'next' && keyset.next !== null
          ? createMemoryKeysetStore({ ...keyset, active: keyset.next, next: null })
          : createMemoryKeysetStore(keyset);
      return createTokenService({
        // Keys judge their validity window on real time; only the token's iat/exp move.
        keys: createKeyManager({ store, clock: { now: Date.now, date: () => new Date() } }),
        clock,
        issuer: deps.settings.appName,
        audiences: deps.settings.auth.audiences,
        accessTtlSeconds: 60,
        refreshTtlSeconds: 600,
        mfaChallengeTtlSeconds: 60,
      });
    })();
  }

  it('echoes the user id and the verified payload of an access token', async () => {
    const member = await createMember(deps);
    const tokens = await loginTokens(app, member);
    const response = await getWithToken(app, ME, tokens.access_token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      success: true,
      data: {
        user_id: member.userId,
        token_payload: { sub: `user:${member.userId}`, token_use: 'access', sid: tokens.session_id },
      },
    });
  });

  it('answers a missing or malformed bearer with 401 "Not authenticated" and WWW-Authenticate', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer ' }]) {
      const response = await app.request(ME, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({
        success: false,
        error: 'Unauthorized',
        message: 'Not authenticated',
        details: null,
      });
    }
  });

  it('rejects refresh tokens and MFA challenge tokens', async () => {
    const member = await createMember(deps);
    const tokens = await loginTokens(app, member);
    const refresh = await getWithToken(app, ME, tokens.refresh_token);
    expect(refresh.status).toBe(401);
    expect(refresh.headers.get('WWW-Authenticate')).toBe('Bearer');
    const challenge = await deps.identity.tokens.signMfaChallengeToken({
      userId: member.userId,
      tenantId: member.tenantId,
      sessionId: tokens.session_id,
      loginReason: 'login',
    });
    expect((await getWithToken(app, ME, challenge.token)).status).toBe(401);
  });

  it('rejects tokens signed with the published next key, tampered tokens and expired tokens', async () => {
    const member = await createMember(deps);
    const input = {
      userId: member.userId,
      tenantId: member.tenantId,
      roles: ['owner'],
      scopes: ['conversations:read'],
      emailVerified: true,
      sessionId: crypto.randomUUID(),
    };
    const sameKey = await tokenServiceWith({});
    const control = await sameKey.signAccessToken(input);
    expect((await getWithToken(app, ME, control.token)).status).toBe(200);

    const next = await (await tokenServiceWith({ keyset: 'next' })).signAccessToken(input);
    expect((await getWithToken(app, ME, next.token)).status).toBe(401);

    const [header, payload, signature] = control.token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: `user:${crypto.randomUUID()}` })).toString(
      'base64url',
    );
    expect((await getWithToken(app, ME, `${header}.${forged}.${signature}`)).status).toBe(401);

    const expired = await (await tokenServiceWith({ clockOffsetMs: -3_600_000 })).signAccessToken(input);
    const response = await getWithToken(app, ME, expired.token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'Unauthorized', details: { reason: 'expired' } });
  });

  it('counts verifications in jwt_verifications_total', async () => {
    const member = await createMember(deps);
    const tokens = await loginTokens(app, member);
    await getWithToken(app, ME, tokens.access_token);
    const text = await deps.metrics.registry.metrics();
    expect(text).toMatch(/jwt_verifications_total\{result="success"\} [1-9]/);
    expect(text).toMatch(/jwt_signings_total\{result="success",token_use="access"\} [1-9]/);
  });
});
