import { randomUUID } from 'node:crypto';
import { createManualClock } from '@starter/providers/testing';
import { describe, expect, it, vi } from 'vitest';
import { createKeyManager } from '../keys/key-manager.js';
import { createMemoryKeysetStore } from '../keys/memory-keyset-store.js';
import { createTokenService } from './token-service.js';

async function setup(cacheSize?: number) {
  const clock = createManualClock();
  const keys = createKeyManager({ store: createMemoryKeysetStore(), clock });
  await keys.ensureKeyset();
  const metrics = { onSign: vi.fn(), onVerify: vi.fn() };
  const tokens = createTokenService({
    keys,
    clock,
    issuer: 'api-service',
    audiences: ['agent-api'],
    accessTtlSeconds: 60,
    refreshTtlSeconds: 3600,
    mfaChallengeTtlSeconds: 300,
    metrics,
    ...(cacheSize === undefined ? {} : { verifiedAccessTokenCacheSize: cacheSize }),
  });
  const signed = await tokens.signAccessToken({
    userId: randomUUID(),
    tenantId: randomUUID(),
    roles: ['member'],
    scopes: ['conversations:read'],
    emailVerified: true,
    sessionId: randomUUID(),
  });
  return { clock, keys, tokens, metrics, token: signed.token };
}

describe('verified access token cache', () => {
  it('verifies the signature once for repeated presentations of the same token', async () => {
    const { tokens, metrics, token } = await setup();
    const first = await tokens.verifyAccessToken(token);
    const second = await tokens.verifyAccessToken(token);
    expect(second).toEqual(first);
    expect(metrics.onVerify).toHaveBeenCalledTimes(1);
    expect(Object.isFrozen(second)).toBe(true);
  });

  it('still rejects a tampered copy of a cached token', async () => {
    const { tokens, token } = await setup();
    await tokens.verifyAccessToken(token);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['owner'] })).toString('base64url');
    await expect(tokens.verifyAccessToken(`${header}.${forged}.${signature}`)).rejects.toMatchObject({
      code: 'Unauthorized',
    });
  });

  it('stops honouring a cached token once it expires', async () => {
    const { tokens, clock, token } = await setup();
    await tokens.verifyAccessToken(token);
    clock.advance(61_000);
    await expect(tokens.verifyAccessToken(token)).rejects.toMatchObject({ code: 'Unauthorized' });
  });

  it('stops honouring a cached token as soon as its key is rotated out', async () => {
    const { tokens, keys, token } = await setup();
    await tokens.verifyAccessToken(token);
    await keys.rotate();
    await expect(tokens.verifyAccessToken(token)).rejects.toMatchObject({ code: 'Unauthorized' });
  });

  it('verifies every time when the cache is off', async () => {
    const { tokens, metrics, token } = await setup(0);
    await tokens.verifyAccessToken(token);
    await tokens.verifyAccessToken(token);
    expect(metrics.onVerify).toHaveBeenCalledTimes(2);
  });
});
