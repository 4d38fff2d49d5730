import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
} from 'node:crypto';
import { type AppError, type Clock, isAppError } from '@starter/contracts';
import { type JWTPayload, SignJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { createKeyManager, type KeyManager } from '../keys/key-manager.js';
import type { Keyset } from '../keys/keyset-schema.js';
import { createMemoryKeysetStore } from '../keys/memory-keyset-store.js';
import { INVALID_TOKEN_MESSAGE } from './invalid-token-error.js';
import { createTokenService, type TokenService } from './token-service.js';

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

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ISSUER = 'api-service';
const AUDIENCES = ['agent-api', 'support-console'];
const userId = randomUUID();
const tenantId = randomUUID();
const sessionId = randomUUID();

function serviceFor(
  keys: KeyManager,
  clock: Clock,
  overrides: { issuer?: string; audiences?: string[] } = {},
) {
  return createTokenService({
    keys,
    clock,
    issuer: overrides.issuer ?? ISSUER,
    audiences: overrides.audiences ?? AUDIENCES,
    accessTtlSeconds: 1800,
    refreshTtlSeconds: 86_400,
    mfaChallengeTtlSeconds: 300,
  });
}

async function expectRejected(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('token was accepted');
    },
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw error;
  expect(error.code).toBe('Unauthorized');
  expect(error.status).toBe(401);
  expect(error.message).toBe(INVALID_TOKEN_MESSAGE);
  expect(error.headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  return error;
}

describe('JWT attack matrix: every forgery is a generic 401', () => {
  let clock: ReturnType<typeof manualClock>;
  let keys: KeyManager;
  let keyset: Keyset;
  let tokens: TokenService;
  let activeKey: KeyObject;
  let nextKey: KeyObject;
  let nowSeconds: number;

  const accessInput = () => ({
    userId,
    tenantId,
    roles: ['member'],
    scopes: ['conversations:read'],
    emailVerified: true,
    sessionId,
  });

  function accessClaims(extra: JWTPayload = {}): JWTPayload {
    return {
      sub: `user:${userId}`,
      tenant_id: tenantId,
      roles: ['owner'],
      scope: 'support:*',
      token_use: 'access',
      aud: AUDIENCES,
      email_verified: true,
      sid: sessionId,
      iss: ISSUER,
      jti: randomUUID(),
      iat: nowSeconds,
      nbf: nowSeconds,
      exp: nowSeconds + 600,
      ...extra,
    };
  }

  function handSign(payload: JWTPayload, key: KeyObject, kid: string, header: Record<string, unknown> = {}) {
    return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT', ...header }).sign(key);
  }

  beforeEach(async () => {
    clock = manualClock();
    nowSeconds = clock.now() / 1000;
    keys = createKeyManager({ store: createMemoryKeysetStore(), clock });
    keyset = await keys.ensureKeyset();
    tokens = serviceFor(keys, clock);
    activeKey = createPrivateKey(keyset.active.private_key);
    nextKey = createPrivateKey(keyset.next!.private_key);
  });

  it('control: a hand-signed token with the active key and full claims is accepted', async () => {
    const token = await handSign(accessClaims(), activeKey, keyset.active.kid);
    await expect(tokens.verifyAccessToken(token)).resolves.toMatchObject({ roles: ['owner'] });
  });

  it('rejects alg "none" (unsigned token crafted by hand)', async () => {
    const header = b64url({ alg: 'none', kid: keyset.active.kid, typ: 'JWT' });
    await expectRejected(tokens.verifyAccessToken(`${header}.${b64url(accessClaims())}.`));
    await expectRejected(tokens.verifyAccessToken(`${header}.${b64url(accessClaims())}`));
  });

  it('rejects HS256 signed with the public key bytes as the HMAC secret', async () => {
    const header = b64url({ alg: 'HS256', kid: keyset.active.kid, typ: 'JWT' });
    const body = `${header}.${b64url(accessClaims())}`;
    const publicKey = createPublicKey(activeKey);
    const secrets = [
      Buffer.from(keyset.active.public_jwk.x, 'base64url'),
      Buffer.from(publicKey.export({ format: 'pem', type: 'spki' })),
      Buffer.from(JSON.stringify(keyset.active.public_jwk)),
    ];
    for (const secret of secrets) {
      const signature = createHmac('sha256', secret).update(body).digest('base64url');
      await expectRejected(tokens.verifyAccessToken(`${body}.${signature}`));
    }
  });

  it('rejects an unknown kid, even with a valid signature by that unknown key', async () => {
    const rogue = generateKeyPairSync('ed25519').privateKey;
    await expectRejected(
      tokens.verifyAccessToken(await handSign(accessClaims(), rogue, 'ed25519-000000000000')),
    );
    await expectRejected(
      tokens.verifyAccessToken(await handSign(accessClaims(), activeKey, 'ed25519-000000000000')),
    );
  });

  it('rejects a missing or non-string kid', async () => {
    const noKid = await new SignJWT(accessClaims())
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .sign(activeKey);
    await expectRejected(tokens.verifyAccessToken(noKid));
    const numericKid = await handSign(accessClaims(), activeKey, keyset.active.kid, { kid: 7 });
    await expectRejected(tokens.verifyAccessToken(numericKid));
  });

  it('rejects a token signed by the published NEXT key with the next kid', async () => {
    await expectRejected(tokens.verifyAccessToken(await handSign(accessClaims(), nextKey, keyset.next!.kid)));
  });

  it('rejects a valid active-key signature carrying the next key kid', async () => {
    await expectRejected(
      tokens.verifyAccessToken(await handSign(accessClaims(), activeKey, keyset.next!.kid)),
    );
  });

  it('rejects a next-key signature carrying the active kid', async () => {
    await expectRejected(
      tokens.verifyAccessToken(await handSign(accessClaims(), nextKey, keyset.active.kid)),
    );
  });

  it('rejects the wrong audience', async () => {
    const other = serviceFor(keys, clock, { audiences: ['someone-else'] });
    await expectRejected(tokens.verifyAccessToken((await other.signAccessToken(accessInput())).token));
    const noAud = { ...accessClaims() };
    delete noAud.aud;
    await expectRejected(tokens.verifyAccessToken(await handSign(noAud, activeKey, keyset.active.kid)));
  });

  it('rejects the wrong issuer', async () => {
    const other = serviceFor(keys, clock, { issuer: 'evil-service' });
    await expectRejected(tokens.verifyAccessToken((await other.signAccessToken(accessInput())).token));
    await expectRejected(
      tokens.verifyRefreshToken(
        (await other.signRefreshToken({ userId, tenantId, scopes: [], emailVerified: true, sessionId }))
          .token,
      ),
    );
  });

  it('rejects an expired token, telling the client only "expired"', async () => {
    const signed = await tokens.signAccessToken(accessInput());
    clock.advance(1800 * 1000 - 1000);
    await expect(tokens.verifyAccessToken(signed.token)).resolves.toBeDefined();
    clock.advance(1000);
    const error = await expectRejected(tokens.verifyAccessToken(signed.token));
    expect(error.details).toEqual({ reason: 'expired' });
  });

  it('rejects a token that is not yet valid (nbf in the future)', async () => {
    const token = await handSign(accessClaims({ nbf: nowSeconds + 600 }), activeKey, keyset.active.kid);
    await expectRejected(tokens.verifyAccessToken(token));
  });

  it('rejects tokens missing exp or iat', async () => {
    for (const claim of ['exp', 'iat', 'jti', 'sub'] as const) {
      const claims = accessClaims();
      delete claims[claim];
      const error = await expectRejected(
        tokens.verifyAccessToken(await handSign(claims, activeKey, keyset.active.kid)),
      );
      expect(error.details).toEqual({ reason: 'invalid' });
    }
  });

  it('rejects a tampered payload that keeps the original signature', async () => {
    const signed = await tokens.signAccessToken(accessInput());
    const [header, , signature] = signed.token.split('.');
    const escalated = b64url({ ...signed.claims, roles: ['owner'], scope: 'support:*' });
    await expectRejected(tokens.verifyAccessToken(`${header}.${escalated}.${signature}`));
    const flipped = b64url({ ...signed.claims, email_verified: false });
    await expectRejected(tokens.verifyAccessToken(`${header}.${flipped}.${signature}`));
  });

  it('rejects a tampered header (typ removed) that keeps the original signature', async () => {
    const signed = await tokens.signAccessToken(accessInput());
    const [, payload, signature] = signed.token.split('.');
    const header = b64url({ alg: 'EdDSA', kid: keyset.active.kid });
    await expectRejected(tokens.verifyAccessToken(`${header}.${payload}.${signature}`));
  });

  it('rejects a validly signed token without typ JWT', async () => {
    const token = await handSign(accessClaims(), activeKey, keyset.active.kid, { typ: 'at+jwt' });
    await expectRejected(tokens.verifyAccessToken(token));
  });

  it('rejects a refresh token presented as an access token', async () => {
    const refresh = await tokens.signRefreshToken({
      userId,
      tenantId,
      scopes: [],
      emailVerified: true,
      sessionId,
    });
    await expectRejected(tokens.verifyAccessToken(refresh.token));
    // Even with a matching audience added, token_use still decides.
    const withAud = await handSign({ ...refresh.claims, aud: AUDIENCES }, activeKey, keyset.active.kid);
    await expectRejected(tokens.verifyAccessToken(withAud));
  });

  it('rejects a service-account refresh token presented as an access token', async () => {
    const sa = await tokens.signServiceAccountRefreshToken({
      account: 'support-console',
      scopes: ['support:*'],
      ttlSeconds: 60,
    });
    await expectRejected(tokens.verifyAccessToken(sa.token));
  });

  it('rejects an access token presented as a refresh token or as an MFA challenge', async () => {
    const access = await tokens.signAccessToken(accessInput());
    await expectRejected(tokens.verifyRefreshToken(access.token));
    await expectRejected(tokens.verifyMfaChallengeToken(access.token));
  });

  it('rejects an MFA challenge token presented as an access or refresh token', async () => {
    const mfa = await tokens.signMfaChallengeToken({ userId, tenantId, sessionId, loginReason: 'login' });
    await expectRejected(tokens.verifyAccessToken(mfa.token));
    await expectRejected(tokens.verifyRefreshToken(mfa.token));
  });

  it('rejects a non-user subject on an access token', async () => {
    for (const sub of ['service-account:support-console', userId, 'user:', 'admin']) {
      await expectRejected(
        tokens.verifyAccessToken(await handSign(accessClaims({ sub }), activeKey, keyset.active.kid)),
      );
    }
  });

  it('rejects a user refresh token whose account differs from its subject', async () => {
    const refresh = await tokens.signRefreshToken({
      userId,
      tenantId,
      scopes: [],
      emailVerified: true,
      sessionId,
    });
    const forged = { ...refresh.claims, account: `user:${randomUUID()}` };
    await expectRejected(tokens.verifyRefreshToken(await handSign(forged, activeKey, keyset.active.kid)));
  });

  it('rejects garbage, empty and oversized input', async () => {
    for (const token of ['', 'abc', 'a.b.c', '...', `${'a'.repeat(9000)}.b.c`]) {
      await expectRejected(tokens.verifyAccessToken(token));
    }
  });

  it('never reveals which check failed in the message', async () => {
    const messages = new Set<string>();
    const rogue = generateKeyPairSync('ed25519').privateKey;
    const forged = [
      'garbage',
      await handSign(accessClaims(), rogue, 'ed25519-000000000000'),
      await handSign(accessClaims(), nextKey, keyset.next!.kid),
      await handSign(accessClaims({ token_use: 'refresh' }), activeKey, keyset.active.kid),
    ];
    for (const token of forged) {
      const error = await expectRejected(tokens.verifyAccessToken(token));
      messages.add(error.message);
      expect(error.details).toEqual({ reason: 'invalid' });
    }
    expect([...messages]).toEqual([INVALID_TOKEN_MESSAGE]);
  });
});
