import { randomUUID } from 'node:crypto';
import type { Clock } from '@starter/contracts';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { createKeyManager } from '../keys/key-manager.js';
import { createMemoryKeysetStore } from '../keys/memory-keyset-store.js';
import { isServiceAccountRefresh } from './token-claims.js';
import { createTokenService, type TokenServiceOptions } from './token-service.js';

function manualClock(start = Date.UTC(2024, 0, 1)): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    date: () => new Date(now),
    advance(ms) {
      now += ms;
    },
  };
}

const AUDIENCES = ['agent-api', 'analytics-service'];

async function setup(overrides: Partial<TokenServiceOptions> = {}) {
  const clock = manualClock();
  const keys = createKeyManager({ store: createMemoryKeysetStore(), clock });
  const keyset = await keys.ensureKeyset();
  const metrics = { onSign: vi.fn(), onVerify: vi.fn() };
  const tokens = createTokenService({
    keys,
    clock,
    issuer: 'api-service',
    audiences: AUDIENCES,
    accessTtlSeconds: 1800,
    refreshTtlSeconds: 2_592_000,
    mfaChallengeTtlSeconds: 300,
    metrics,
    ...overrides,
  });
  return { clock, keys, keyset, tokens, metrics };
}

const userId = randomUUID();
const tenantId = randomUUID();
const sessionId = randomUUID();

describe('createTokenService', () => {
  it('signs an access token with the spec header and claims, and verifies it', async () => {
    const { tokens, keyset, clock, metrics } = await setup();
    const signed = await tokens.signAccessToken({
      userId,
      tenantId,
      roles: ['admin'],
      scopes: ['conversations:read', 'conversations:write', 'conversations:read'],
      emailVerified: true,
      sessionId,
    });
    expect(decodeProtectedHeader(signed.token)).toEqual({ alg: 'EdDSA', kid: keyset.active.kid, typ: 'JWT' });
    const iat = clock.now() / 1000;
    expect(decodeJwt(signed.token)).toEqual({
      sub: `user:${userId}`,
      tenant_id: tenantId,
      roles: ['admin'],
      scope: 'conversations:read conversations:write',
      token_use: 'access',
      aud: AUDIENCES,
      email_verified: true,
      sid: sessionId,
      iss: 'api-service',
      jti: signed.jti,
      iat,
      nbf: iat,
      exp: iat + 1800,
    });
    expect(signed.kid).toBe(keyset.active.kid);
    expect(signed.expiresAt.getTime()).toBe(clock.now() + 1_800_000);
    expect(signed.claims).toEqual(decodeJwt(signed.token));

    const claims = await tokens.verifyAccessToken(signed.token);
    expect(claims).toEqual(signed.claims);
    expect(metrics.onSign).toHaveBeenCalledWith('access', 'success', expect.any(Number));
    expect(metrics.onVerify).toHaveBeenCalledWith('success', expect.any(Number));
  });

  it('issues a fresh jti per token', async () => {
    const { tokens } = await setup();
    const input = { userId, tenantId, roles: [], scopes: [], emailVerified: false, sessionId };
    const [a, b] = await Promise.all([tokens.signAccessToken(input), tokens.signAccessToken(input)]);
    expect(a.jti).not.toBe(b.jti);
  });

  it('hands out claims the caller cannot use to change the configured audiences', async () => {
    const { tokens } = await setup();
    const input = { userId, tenantId, roles: [], scopes: [], emailVerified: true, sessionId };
    const first = await tokens.signAccessToken(input);
    first.claims.aud = ['evil'];
    expect((await tokens.signAccessToken(input)).claims.aud).toEqual(AUDIENCES);
  });

  it('omits tenant_id when the user has no tenant', async () => {
    const { tokens } = await setup();
    const signed = await tokens.signAccessToken({
      userId,
      tenantId: null,
      roles: [],
      scopes: ['conversations:read'],
      emailVerified: true,
      sessionId,
    });
    expect(signed.claims).not.toHaveProperty('tenant_id');
    expect((await tokens.verifyAccessToken(signed.token)).tenant_id).toBeUndefined();
  });

  it('signs a user refresh token with account = user:<uuid> and no audience', async () => {
    const { tokens, clock } = await setup();
    const signed = await tokens.signRefreshToken({
      userId,
      tenantId,
      scopes: ['conversations:read'],
      emailVerified: false,
      sessionId,
    });
    expect(signed.claims).toMatchObject({
      sub: `user:${userId}`,
      account: `user:${userId}`,
      token_use: 'refresh',
    });
    expect(signed.claims).not.toHaveProperty('aud');
    expect(signed.expiresAt.getTime()).toBe(clock.now() + 2_592_000_000);
    const claims = await tokens.verifyRefreshToken(signed.token);
    expect(isServiceAccountRefresh(claims)).toBe(false);
    expect(claims).toMatchObject({ sid: sessionId, tenant_id: tenantId, email_verified: false });
  });

  it('signs a service-account refresh token with the given TTL, tenant and fingerprint', async () => {
    const { tokens, clock } = await setup();
    const signed = await tokens.signServiceAccountRefreshToken({
      account: 'analytics-batch',
      scopes: ['conversations:read'],
      tenantId,
      fingerprint: 'fp-1',
      ttlSeconds: 86_400,
    });
    expect(signed.expiresAt.getTime()).toBe(clock.now() + 86_400_000);
    const claims = await tokens.verifyRefreshToken(signed.token);
    expect(isServiceAccountRefresh(claims)).toBe(true);
    expect(claims).toMatchObject({
      sub: 'service-account:analytics-batch',
      account: 'analytics-batch',
      tenant_id: tenantId,
      fingerprint: 'fp-1',
      scope: 'conversations:read',
    });

    const global = await tokens.signServiceAccountRefreshToken({
      account: 'support-console',
      scopes: ['support:*'],
      ttlSeconds: 60,
    });
    expect(global.claims).not.toHaveProperty('tenant_id');
    expect(global.claims).not.toHaveProperty('fingerprint');
  });

  it('signs and verifies an MFA challenge token', async () => {
    const { tokens, clock } = await setup();
    const signed = await tokens.signMfaChallengeToken({ userId, tenantId, sessionId, loginReason: 'login' });
    expect(signed.expiresAt.getTime()).toBe(clock.now() + 300_000);
    expect(await tokens.verifyMfaChallengeToken(signed.token)).toMatchObject({
      sub: `user:${userId}`,
      tenant_id: tenantId,
      sid: sessionId,
      token_use: 'mfa_challenge',
      login_reason: 'login',
    });
  });

  it('rejects programming errors in sign inputs', async () => {
    const { tokens } = await setup();
    const base = { userId, tenantId, roles: [], scopes: [], emailVerified: true, sessionId };
    await expect(tokens.signAccessToken({ ...base, userId: `user:${userId}` })).rejects.toThrow(TypeError);
    await expect(tokens.signAccessToken({ ...base, scopes: ['a b'] })).rejects.toThrow(TypeError);
    await expect(
      tokens.signServiceAccountRefreshToken({ account: 'bad name', scopes: [], ttlSeconds: 60 }),
    ).rejects.toThrow(TypeError);
    await expect(
      tokens.signServiceAccountRefreshToken({ account: 'ok', scopes: [], ttlSeconds: 0 }),
    ).rejects.toThrow(TypeError);
  });

  it('validates its settings when created', async () => {
    await expect(setup({ audiences: [] })).rejects.toThrow(TypeError);
    await expect(setup({ issuer: ' ' })).rejects.toThrow(TypeError);
    await expect(setup({ accessTtlSeconds: 1.5 })).rejects.toThrow(TypeError);
  });

  it('accepts an access token whose aud is any one of the configured audiences', async () => {
    const { tokens, keys, clock } = await setup();
    const narrow = createTokenService({
      keys,
      clock,
      issuer: 'api-service',
      audiences: ['analytics-service'],
      accessTtlSeconds: 60,
      refreshTtlSeconds: 60,
      mfaChallengeTtlSeconds: 60,
    });
    const signed = await narrow.signAccessToken({
      userId,
      tenantId,
      roles: [],
      scopes: [],
      emailVerified: true,
      sessionId,
    });
    await expect(tokens.verifyAccessToken(signed.token)).resolves.toMatchObject({
      aud: ['analytics-service'],
    });
  });

  it('honours clockToleranceSeconds for slightly expired tokens', async () => {
    const { tokens, clock } = await setup({ clockToleranceSeconds: 30, accessTtlSeconds: 60 });
    const signed = await tokens.signAccessToken({
      userId,
      tenantId,
      roles: [],
      scopes: [],
      emailVerified: true,
      sessionId,
    });
    clock.advance(80_000);
    await expect(tokens.verifyAccessToken(signed.token)).resolves.toBeDefined();
    clock.advance(20_000);
    await expect(tokens.verifyAccessToken(signed.token)).rejects.toMatchObject({ code: 'Unauthorized' });
  });

  it('after rotate(), old-active tokens are rejected and new tokens carry the promoted kid', async () => {
    const { tokens, keys, keyset } = await setup();
    const input = { userId, tenantId, roles: ['member'], scopes: [], emailVerified: true, sessionId };
    const before = await tokens.signAccessToken(input);
    await expect(tokens.verifyAccessToken(before.token)).resolves.toBeDefined();
    const etagBefore = (await keys.jwks()).etag;

    const rotated = await keys.rotate();
    await expect(tokens.verifyAccessToken(before.token)).rejects.toMatchObject({ code: 'Unauthorized' });
    const after = await tokens.signAccessToken(input);
    expect(after.kid).toBe(keyset.next!.kid);
    await expect(tokens.verifyAccessToken(after.token)).resolves.toBeDefined();

    const jwks = await keys.jwks();
    expect(jwks.keys.map((key) => key.kid)).toEqual([keyset.next!.kid, rotated.next!.kid]);
    expect(jwks.etag).not.toBe(etagBefore);
    expect((await keys.jwks()).etag).toBe(jwks.etag);
  });

  it('reports failed verifications to metrics', async () => {
    const { tokens, metrics } = await setup();
    await expect(tokens.verifyAccessToken('garbage')).rejects.toThrow();
    expect(metrics.onVerify).toHaveBeenCalledWith('failure', expect.any(Number));
  });

  it('propagates a missing keyset as 503, not as an invalid token', async () => {
    const clock = manualClock();
    const keys = createKeyManager({ store: createMemoryKeysetStore(), clock });
    const tokens = createTokenService({
      keys,
      clock,
      issuer: 'api-service',
      audiences: AUDIENCES,
      accessTtlSeconds: 60,
      refreshTtlSeconds: 60,
      mfaChallengeTtlSeconds: 60,
    });
    await expect(
      tokens.signMfaChallengeToken({ userId, tenantId, sessionId, loginReason: 'login' }),
    ).rejects.toMatchObject({ code: 'ServiceUnavailable' });
  });
});
