import { type AppError, asId, type SessionId, type TenantId, type UserId } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityRecorder } from '../activity/activity-recorder.js';
import { createSecretBox } from '../crypto/secret-box.js';
import { createLoginThrottle } from '../lockout/login-throttle.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import type { SessionTokens } from '../session-issuing/session-issuer.js';
import {
  createCapturingLogger,
  createIdentityTestContext,
  createTestPasswordHasher,
  type IdentityTestContext,
  rejectionOf,
  seedTenant,
  seedUser,
} from '../test-support/identity-test-context.js';
import { createSessionService, type SessionService } from './session-service.js';
import type { SessionServiceDeps } from './session-service-deps.js';

const PASSWORD = 'Violet!Tangerine#Harbor42';
const origin = { ip: '198.51.100.20', userAgent: 'vitest' };

describe('createSessionService', { timeout: 60_000 }, () => {
  let ctx: IdentityTestContext;
  let sessions: SessionService;
  let tenantId: TenantId;
  const lines: string[] = [];

  const serviceWith = (overrides: Partial<SessionServiceDeps> = {}): SessionService =>
    createSessionService({
      db: ctx.db,
      tokens: ctx.tokens,
      passwords: ctx.hasher,
      throttle: createLoginThrottle({ kv: ctx.kv, clock: ctx.clock }),
      secretBox: createSecretBox('test-session-encryption-key'),
      secrets: { refreshTokenPepper: 'refresh-pepper', ipHashSalt: 'ip-salt' },
      clock: ctx.clock,
      logger: createCapturingLogger(lines),
      activity: createActivityRecorder({ db: ctx.db, clock: ctx.clock, ipHashSalt: 'ip-salt' }),
      ...overrides,
    });

  beforeAll(async () => {
    ctx = await createIdentityTestContext();
    sessions = serviceWith();
    tenantId = (await seedTenant(ctx.db, { name: 'Sessions' })).id;
  }, 120_000);
  afterAll(() => ctx?.dispose(), 60_000);

  const member = async (hasher: PasswordHasher = ctx.hasher) =>
    seedUser(ctx.db, {
      user: { password_hash: await hasher.hash(PASSWORD) },
      membership: { tenantId, role: 'member' },
    });
  const login = async (email: string, service = sessions): Promise<SessionTokens> => {
    const outcome = await service.login({ email, password: PASSWORD, origin });
    if (outcome.kind !== 'tokens') throw new Error('expected tokens');
    return outcome.tokens;
  };
  const tokenRow = async (refreshToken: string) => {
    const { jti } = await ctx.tokens.verifyRefreshToken(refreshToken);
    return ctx.db
      .selectFrom('service_account_tokens')
      .selectAll()
      .where('refresh_jti', '=', jti)
      .executeTakeFirstOrThrow();
  };
  const sessionRow = (sessionId: string) =>
    ctx.db
      .selectFrom('user_sessions')
      .selectAll()
      .where('id', '=', asId<'SessionId'>(sessionId) as SessionId)
      .executeTakeFirstOrThrow();
  const userRow = (userId: UserId) =>
    ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();

  describe('refresh', () => {
    it('rotates the refresh token and keeps the session id', async () => {
      const user = await member();
      const first = await login(user.email);
      const second = await sessions.refresh(first.refresh_token, origin);

      expect(second.session_id).toBe(first.session_id);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect((await ctx.tokens.verifyAccessToken(second.access_token)).sid).toBe(first.session_id);
      const rotated = await tokenRow(first.refresh_token);
      const next = await tokenRow(second.refresh_token);
      expect(rotated).toMatchObject({ revoked_reason: 'rotated', rotated_to_jti: next.refresh_jti });
      expect(next).toMatchObject({ session_id: first.session_id, revoked_at: null });
      expect((await sessionRow(first.session_id)).revoked_at).toBeNull();
    });

    it('treats a rotated token presented again as reuse: the whole session dies, with a security event', async () => {
      const user = await member();
      const first = await login(user.email);
      const second = await sessions.refresh(first.refresh_token, origin);

      const reuse = await rejectionOf(sessions.refresh(first.refresh_token, origin), {
        requireAppError: true,
      });
      expect(reuse.status).toBe(401);
      expect(await sessionRow(first.session_id)).toMatchObject({ revoked_reason: 'refresh_token_reuse' });
      // The legitimate holder's current token dies with the session.
      expect((await tokenRow(second.refresh_token)).revoked_at).not.toBeNull();
      expect((await rejectionOf(sessions.refresh(second.refresh_token, origin))).status).toBe(401);

      const events = await ctx.db
        .selectFrom('security_events')
        .selectAll()
        .where('user_id', '=', user.id)
        .where('event_type', '=', 'refresh_token_reuse')
        .execute();
      expect(events).toHaveLength(1);
      expect(events[0]?.metadata).toMatchObject({ session_id: first.session_id });
      expect(lines.some((line) => line.includes('refresh_token_reuse') && line.includes(user.id))).toBe(true);
    });
  });

  describe('logout', () => {
    it("revokes the caller's session once, refuses a foreign token and logs the logout", async () => {
      const user = await member();
      const other = await member();
      const tokens = await login(user.email);

      const foreign = await rejectionOf(sessions.logout(other.id, tokens.refresh_token, origin));
      expect((foreign as AppError).code).toBe('Forbidden');

      expect(await sessions.logout(user.id, tokens.refresh_token, origin)).toEqual({ revoked: true });
      expect(await sessionRow(tokens.session_id)).toMatchObject({ revoked_reason: 'user_logout' });
      expect(await sessions.logout(user.id, tokens.refresh_token, origin)).toEqual({ revoked: false });
      expect((await rejectionOf(sessions.refresh(tokens.refresh_token, origin))).status).toBe(401);

      const logged = await ctx.db
        .selectFrom('activity_events')
        .selectAll()
        .where('actor_id', '=', user.id)
        .where('action', '=', 'auth.logout')
        .execute();
      expect(logged).toHaveLength(1);
      expect(logged[0]?.metadata).toEqual({ scope: 'session', session_id: tokens.session_id });
    });

    it("logout-all revokes every session of the user and no one else's", async () => {
      const user = await member();
      const bystander = await member();
      const a = await login(user.email);
      const b = await login(user.email);
      const kept = await login(bystander.email);

      expect(await sessions.logoutAll(user.id, origin)).toEqual({ revoked: 2 });
      for (const tokens of [a, b]) {
        expect(await sessionRow(tokens.session_id)).toMatchObject({ revoked_reason: 'user_logout_all' });
        expect((await rejectionOf(sessions.refresh(tokens.refresh_token, origin))).status).toBe(401);
      }
      expect((await sessionRow(kept.session_id)).revoked_at).toBeNull();
      expect((await sessions.refresh(kept.refresh_token, origin)).session_id).toBe(kept.session_id);

      const page = await sessions.listSessions(
        user.id,
        { limit: 10, offset: 0, includeRevoked: false },
        a.session_id,
      );
      expect(page.items).toEqual([]);
      const logged = await ctx.db
        .selectFrom('activity_events')
        .select('metadata')
        .where('actor_id', '=', user.id)
        .where('action', '=', 'auth.logout')
        .execute();
      expect(logged.map((row) => row.metadata)).toEqual([{ scope: 'all', revoked: 2 }]);
    });
  });

  describe('password rehash on login', () => {
    it('replaces a hash made with weaker argon2 parameters, keeping the password and its change date', async () => {
      const user = await member(createTestPasswordHasher('pepper', 1024));
      const stronger = createTestPasswordHasher('pepper', 2048);
      const service = serviceWith({ passwords: stronger });
      const before = await userRow(user.id);
      expect(stronger.needsRehash(before.password_hash ?? '')).toBe(true);

      await login(user.email, service);
      const after = await userRow(user.id);
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(after.password_hash).toContain('m=2048');
      expect(stronger.needsRehash(after.password_hash ?? '')).toBe(false);
      expect(after.password_changed_at).toEqual(before.password_changed_at);
      // The history entry of the current password is upgraded too, not left behind as a weaker copy.
      const history = await ctx.db
        .selectFrom('password_history')
        .select('password_hash')
        .where('user_id', '=', user.id)
        .execute();
      expect(history.map((row) => row.password_hash)).not.toContain(before.password_hash);

      // The new hash verifies, and a current hash is left alone.
      await login(user.email, service);
      expect((await userRow(user.id)).password_hash).toBe(after.password_hash);
      expect(
        lines.filter((line) => line.includes('auth.password_rehash') && line.includes(user.id)),
      ).toHaveLength(1);
    });

    it('replaces a hash of an older pepper version', async () => {
      const user = await member();
      const service = serviceWith({ passwordPepperVersion: 2 });
      await login(user.email, service);
      expect((await userRow(user.id)).password_pepper_version).toBe(2);
    });

    it('leaves the hash alone when the password is wrong', async () => {
      const user = await member(createTestPasswordHasher('pepper', 1024));
      const service = serviceWith({ passwords: createTestPasswordHasher('pepper', 2048) });
      const before = await userRow(user.id);
      await rejectionOf(service.login({ email: user.email, password: 'wrong password', origin }));
      expect((await userRow(user.id)).password_hash).toBe(before.password_hash);
    });
  });
});
