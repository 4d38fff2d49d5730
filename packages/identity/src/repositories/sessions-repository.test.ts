import { createHash, randomUUID } from 'node:crypto';
import { asId, type SessionId, type TenantId, type UserId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMigrations } from '../migrations/identity-migrations.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import {
  createSessionsRepository,
  type SessionsRepository,
  type UserRefreshTokenInput,
} from './sessions-repository.js';
import { createTenantsRepository } from './tenants-repository.js';
import { createUsersRepository } from './users-repository.js';

const DAY = 24 * 60 * 60_000;

function tokenInput(overrides: Partial<UserRefreshTokenInput> = {}): UserRefreshTokenInput {
  const jti = randomUUID();
  return {
    refresh_jti: jti,
    token_hash: createHash('sha256').update(jti).digest('hex'),
    signing_kid: 'ed25519-0123456789ab',
    scope_key: 'conversations:read',
    scopes: ['conversations:read', 'tools:read'],
    fingerprint: null,
    issued_at: new Date(),
    expires_at: new Date(Date.now() + 30 * DAY),
    ...overrides,
  };
}

describe('createSessionsRepository', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let db: Kysely<IdentityDatabase>;
  let sessions: SessionsRepository;
  let tenantId: TenantId;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createMigrator(database, [identityMigrations]).up();
    db = createKysely<IdentityDatabase>(database);
    sessions = createSessionsRepository(db);
    tenantId = (await createTenantsRepository(db).create({ name: 'Sessions', slug: 'sessions' })).tenant.id;
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  }, 60_000);

  const newUser = async (): Promise<UserId> =>
    (
      await createUsersRepository(db).create({
        user: { email: `${randomUUID()}@example.com`, password_hash: null },
      })
    ).user.id;
  const login = (userId: UserId, token = tokenInput()) =>
    sessions.create({
      sessionId: asId<'SessionId'>(randomUUID()),
      userId,
      tenantId,
      details: { ip_masked: '203.0.113.x', user_agent: 'test-agent', client_browser: 'Firefox' },
      token,
    });

  it('creates a session with its first refresh token', async () => {
    const userId = await newUser();
    const token = tokenInput();
    const { session, token: stored } = await login(userId, token);
    expect(session).toMatchObject({
      user_id: userId,
      tenant_id: tenantId,
      refresh_jti: token.refresh_jti,
      revoked_at: null,
    });
    expect(stored).toMatchObject({
      refresh_jti: token.refresh_jti,
      kind: 'user',
      account: `user:${userId}`,
      user_id: userId,
      session_id: session.id,
      scopes: ['conversations:read', 'tools:read'],
      rotated_to_jti: null,
    });
    expect(await sessions.findTokenByJti(token.refresh_jti)).toEqual(stored);
    expect(await sessions.findSession(session.id)).toEqual(session);
    expect(await sessions.findTokenByJti('missing')).toBeUndefined();
  });

  it('rolls the session back when the token insert fails', async () => {
    const userId = await newUser();
    const sessionId = asId<'SessionId'>(randomUUID());
    await expect(
      sessions.create({
        sessionId,
        userId,
        tenantId,
        details: {},
        token: tokenInput({ token_hash: 'truncated' }),
      }),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await sessions.findSession(sessionId)).toBeUndefined();
  });

  it('rotates a token once, linking old to new; the old one is then reuse', async () => {
    const userId = await newUser();
    const { session, token } = await login(userId);
    const next = tokenInput();
    const rotated = await sessions.rotate(token.refresh_jti, next, { ip_masked: '198.51.100.x' });
    expect(rotated.status).toBe('rotated');
    if (rotated.status !== 'rotated') return;
    expect(rotated.previous).toMatchObject({ revoked_reason: 'rotated', rotated_to_jti: next.refresh_jti });
    expect(rotated.token).toMatchObject({
      session_id: session.id,
      user_id: userId,
      tenant_id: tenantId,
      revoked_at: null,
    });
    expect(await sessions.findSession(session.id)).toMatchObject({
      refresh_jti: next.refresh_jti,
      ip_masked: '198.51.100.x',
    });

    const replay = await sessions.rotate(token.refresh_jti, tokenInput());
    expect(replay.status).toBe('inactive');
    if (replay.status === 'inactive') expect(replay.existing?.rotated_to_jti).toBe(next.refresh_jti);
    expect(await sessions.rotate('unknown-jti', tokenInput())).toEqual({
      status: 'inactive',
      existing: undefined,
    });
  });

  it('lets exactly one of two concurrent refreshes rotate', async () => {
    const { token } = await login(await newUser());
    const results = await Promise.all([
      sessions.rotate(token.refresh_jti, tokenInput()),
      sessions.rotate(token.refresh_jti, tokenInput()),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['inactive', 'rotated']);
  });

  it('refuses to rotate an expired token and rolls back a failed rotation', async () => {
    const userId = await newUser();
    const { token: expired } = await login(
      userId,
      tokenInput({ issued_at: new Date(Date.now() - 2 * DAY), expires_at: new Date(Date.now() - DAY) }),
    );
    expect((await sessions.rotate(expired.refresh_jti, tokenInput())).status).toBe('inactive');

    const { token } = await login(userId);
    // The new jti collides with an existing token: the insert fails and the old token must stay active.
    await expect(
      sessions.rotate(token.refresh_jti, tokenInput({ refresh_jti: expired.refresh_jti })),
    ).rejects.toMatchObject({
      code: '23505',
    });
    expect((await sessions.findTokenByJti(token.refresh_jti))?.revoked_at).toBeNull();
  });

  it('revokes a single token once', async () => {
    const { token } = await login(await newUser());
    expect(await sessions.revokeToken(token.refresh_jti, 'user_logout')).toBe(true);
    expect(await sessions.revokeToken(token.refresh_jti, 'user_logout')).toBe(false);
    expect((await sessions.findTokenByJti(token.refresh_jti))?.revoked_reason).toBe('user_logout');
  });

  it('revokes a whole session with all its tokens, only for its owner', async () => {
    const userId = await newUser();
    const intruder = await newUser();
    const { session, token } = await login(userId);
    const rotated = await sessions.rotate(token.refresh_jti, tokenInput());
    expect(await sessions.revokeSession({ sessionId: session.id, reason: 'x', userId: intruder })).toBe(
      false,
    );
    expect(
      await sessions.revokeSession({ sessionId: session.id, reason: 'user_session_manual_revoke', userId }),
    ).toBe(true);
    expect(await sessions.revokeSession({ sessionId: session.id, reason: 'again' })).toBe(false);
    const tokens = await db
      .selectFrom('service_account_tokens')
      .selectAll()
      .where('session_id', '=', session.id)
      .execute();
    expect(tokens).toHaveLength(2);
    expect(tokens.every((t) => t.revoked_at !== null)).toBe(true);
    if (rotated.status === 'rotated') {
      expect((await sessions.findTokenByJti(rotated.token.refresh_jti))?.revoked_reason).toBe(
        'user_session_manual_revoke',
      );
    }
    expect((await sessions.findSession(session.id))?.revoked_reason).toBe('user_session_manual_revoke');
  });

  it('revokes every session of a user and no one else’s', async () => {
    const userId = await newUser();
    const other = await newUser();
    await login(userId);
    await login(userId);
    const { token: otherToken } = await login(other);
    expect(await sessions.revokeAllForUser(userId, 'password_change')).toEqual({ sessions: 2, tokens: 2 });
    expect(await sessions.revokeAllForUser(userId, 'password_change')).toEqual({ sessions: 0, tokens: 0 });
    expect((await sessions.findTokenByJti(otherToken.refresh_jti))?.revoked_at).toBeNull();
  });

  it('lists a user’s sessions with paging, total and include_revoked', async () => {
    const userId = await newUser();
    const created: SessionId[] = [];
    for (let n = 0; n < 3; n++) created.push((await login(userId)).session.id);
    await login(await newUser());
    const [first] = created;
    if (first) await sessions.revokeSession({ sessionId: first, reason: 'user_logout' });

    const active = await sessions.listForUser(userId, { limit: 10, offset: 0, includeRevoked: false });
    expect(active.total).toBe(2);
    expect(active.items.every((s) => s.user_id === userId && s.revoked_at === null)).toBe(true);
    const all = await sessions.listForUser(userId, { limit: 2, offset: 0, includeRevoked: true });
    expect(all.total).toBe(3);
    expect(all.items).toHaveLength(2);
    const otherTenant = asId<'TenantId'>(randomUUID());
    expect(
      (
        await sessions.listForUser(userId, {
          limit: 10,
          offset: 0,
          includeRevoked: true,
          tenantId: otherTenant,
        })
      ).total,
    ).toBe(0);
  });
});
