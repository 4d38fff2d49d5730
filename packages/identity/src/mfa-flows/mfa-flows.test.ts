import { randomUUID } from 'node:crypto';
import { AppError, type KeyValueStore, type Logger, type TenantId, type UserId } from '@starter/contracts';
import { createRateLimiter } from '@starter/providers';
import { createManualClock } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityRecorder } from '../activity/activity-recorder.js';
import { createSecretBox } from '../crypto/secret-box.js';
import { createLoginThrottle } from '../lockout/login-throttle.js';
import { totpCode } from '../mfa/totp.js';
import type { CallerContext } from '../password-flows/caller-context.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { createSessionService, type SessionService } from '../session-service/session-service.js';
import {
  createCapturingLogger,
  createIdentityTestContext,
  createTestPasswordHasher,
  type IdentityTestContext,
  rejectionOf,
  seedTenant,
  seedUser,
} from '../test-support/identity-test-context.js';
import type { TokenService } from '../tokens/token-service.js';
import { createMfaFlows, type MfaFlows } from './mfa-flows.js';

const PASSWORD = 'Violet!Tangerine#Harbor42';
const RECOVERY_KEY = 'test-secret-key';
const secrets: string[] = [PASSWORD];
const lines: string[] = [];

const captureLogger = (): Logger => createCapturingLogger(lines);
const rejection = (promise: Promise<unknown>) => rejectionOf(promise, { requireAppError: true });

describe('createMfaFlows', { timeout: 60_000 }, () => {
  const clock = createManualClock(Date.now());
  const hasher = createTestPasswordHasher();
  const secretBox = createSecretBox('test-session-encryption-key');
  let context: IdentityTestContext;
  let db: Kysely<IdentityDatabase>;
  let kv: KeyValueStore;
  let tokens: TokenService;
  let sessions: SessionService;
  let mfa: MfaFlows;
  let tenantId: TenantId;

  beforeAll(async () => {
    context = await createIdentityTestContext({
      clock,
      kvPrefix: `test:mfaflows:${randomUUID()}:`,
      tokenIssuer: 'test',
    });
    ({ db, kv, tokens } = context);
    const logger = captureLogger();
    sessions = createSessionService({
      db,
      tokens,
      passwords: hasher,
      throttle: createLoginThrottle({ kv, clock }),
      secretBox,
      secrets: { refreshTokenPepper: 'refresh-pepper', ipHashSalt: 'ip-salt' },
      clock,
      logger,
    });
    mfa = createMfaFlows({
      db,
      clock,
      secretBox,
      secretKeyForRecoveryCodes: RECOVERY_KEY,
      tokens,
      issueSession: sessions.issue,
      rateLimiter: createRateLimiter({ kv, prefix: `rl-${randomUUID()}` }),
      logger,
      activity: createActivityRecorder({ db, clock, ipHashSalt: 'ip-salt' }),
    });
    tenantId = (await seedTenant(db, { name: 'Mfa', slug: 'mfa' })).id;
  }, 120_000);

  afterAll(() => context?.dispose(), 60_000);

  const origin = () => ({ ip: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: 'vitest' });
  const newUser = async () => {
    return seedUser(db, {
      user: { password_hash: await hasher.hash(PASSWORD) },
      membership: { tenantId, role: 'member' },
    });
  };
  const caller = (userId: UserId): CallerContext => ({ userId, tenantId, sessionId: null, origin: origin() });
  const challengeFor = async (userId: UserId) => {
    const signed = await tokens.signMfaChallengeToken({
      userId,
      tenantId,
      sessionId: randomUUID(),
      loginReason: 'login',
    });
    return signed.token;
  };
  /** A user with a verified TOTP method; the clock is moved to a fresh step. */
  const enrolled = async () => {
    const user = await newUser();
    const { data } = await mfa.enrollTotp(caller(user.id), {});
    secrets.push(data.secret);
    await mfa.verifyTotp(caller(user.id), {
      method_id: data.method_id,
      code: totpCode(data.secret, clock.now()),
    });
    clock.advance(30_000);
    return { user, methodId: data.method_id, secret: data.secret };
  };

  it('enrolls TOTP with an encrypted, row-bound secret and verifies it once per step', async () => {
    const user = await newUser();
    const me = caller(user.id);
    const enrollment = await mfa.enrollTotp(me, { label: 'Phone' });
    const { secret, method_id: methodId, otpauth_url: url } = enrollment.data;
    secrets.push(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(url).toContain('otpauth://totp/OpenAI-Agent:');
    expect(url).toContain('issuer=OpenAI-Agent');
    const row = await db
      .selectFrom('user_mfa_methods')
      .selectAll()
      .where('id', '=', methodId)
      .executeTakeFirstOrThrow();
    expect(row.secret_encrypted).not.toBeNull();
    expect(row.secret_encrypted).not.toContain(secret);
    expect(secretBox.tryOpen(row.secret_encrypted ?? '', `mfa:${methodId}`)).toBe(secret);
    expect(secretBox.tryOpen(row.secret_encrypted ?? '', `mfa:${randomUUID()}`)).toBeNull();
    expect((await mfa.listMethods(me)).data).toEqual([
      {
        id: methodId,
        method_type: 'totp',
        label: 'Phone',
        verified_at: null,
        last_used_at: null,
        revoked_at: null,
      },
    ]);

    expect((await rejection(mfa.verifyTotp(me, { method_id: methodId, code: '000000' }))).status).toBe(400);
    const code = totpCode(secret, clock.now());
    const verified = await mfa.verifyTotp(me, { method_id: methodId, code });
    expect(verified.data.verified_at).not.toBeNull();
    expect(verified.data.last_used_at).not.toBeNull();
    expect((await rejection(mfa.verifyTotp(me, { method_id: methodId, code }))).status).toBe(400);
    clock.advance(30_000);
    await mfa.verifyTotp(me, { method_id: methodId, code: totpCode(secret, clock.now()) });
    const events = await createSecurityEventsRepository(db).listForUser(user.id, 10);
    expect(events.map((event) => event.event_type)).toEqual(
      expect.arrayContaining(['mfa_totp_enroll_started', 'mfa_totp_verified']),
    );
  });

  it('refuses a secret copied to another method row', async () => {
    const user = await newUser();
    const first = (await mfa.enrollTotp(caller(user.id), {})).data;
    const second = (await mfa.enrollTotp(caller(user.id), {})).data;
    secrets.push(first.secret, second.secret);
    const source = await db
      .selectFrom('user_mfa_methods')
      .select('secret_encrypted')
      .where('id', '=', first.method_id)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('user_mfa_methods')
      .set({ secret_encrypted: source.secret_encrypted })
      .where('id', '=', second.method_id)
      .execute();
    const code = totpCode(first.secret, clock.now());
    expect(
      (await rejection(mfa.verifyTotp(caller(user.id), { method_id: second.method_id, code }))).status,
    ).toBe(400);
  });

  it('completes a password login challenge with TOTP (behaviour 4) and refuses bad tokens and codes', async () => {
    const { user, methodId, secret } = await enrolled();
    const login = await sessions.login({ email: user.email, password: PASSWORD, origin: origin() });
    if (login.kind !== 'mfa_required') throw new Error('expected an MFA challenge');
    const challenge = login.challenge.challenge_token;
    secrets.push(challenge);

    const badToken = await rejection(
      mfa.complete({ challenge_token: `${challenge}x`, method_id: methodId, code: '123456' }, origin()),
    );
    expect(badToken.status).toBe(401);
    const badCode = await rejection(
      mfa.complete({ challenge_token: challenge, method_id: methodId, code: '000000' }, origin()),
    );
    expect(badCode.status).toBe(401);

    const code = totpCode(secret, clock.now());
    const done = await mfa.complete(
      { challenge_token: challenge, method_id: methodId, code },
      { ...origin(), requestId: 'req-mfa' },
    );
    secrets.push(done.data.access_token, done.data.refresh_token);
    expect(done.data).toMatchObject({ user_id: user.id, tenant_id: tenantId, token_type: 'bearer' });
    const claims = await tokens.verifyAccessToken(done.data.access_token);
    expect(claims.sub).toBe(`user:${user.id}`);
    const session = await db
      .selectFrom('user_sessions')
      .selectAll()
      .where('id', '=', done.data.session_id)
      .executeTakeFirst();
    expect(session?.user_id).toBe(user.id);
    const loginEvents = await db
      .selectFrom('user_login_events')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(loginEvents.some((event) => event.result === 'success' && event.reason === 'mfa')).toBe(true);
    const activity = await db
      .selectFrom('activity_events')
      .selectAll()
      .where('actor_id', '=', user.id)
      .where('action', '=', 'auth.login.success')
      .execute();
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({
      tenant_id: tenantId,
      actor_type: 'user',
      request_id: 'req-mfa',
      metadata: { method: 'mfa', session_id: done.data.session_id },
    });
    // The same code (same step) cannot complete a second login.
    const replay = await rejection(
      mfa.complete({ challenge_token: challenge, method_id: methodId, code }, origin()),
    );
    expect(replay.status).toBe(401);
  });

  it('accepts each recovery code exactly once, also under concurrent completions', async () => {
    const { user } = await enrolled();
    const { data } = await mfa.regenerateRecoveryCodes(caller(user.id));
    secrets.push(...data.codes);
    expect(data.codes).toHaveLength(10);
    const [first = '', second = ''] = data.codes;
    const challenge = await challengeFor(user.id);
    secrets.push(challenge);

    await mfa.complete({ challenge_token: challenge, method_id: 'recovery', code: first }, origin());
    const again = await rejection(
      mfa.complete({ challenge_token: challenge, method_id: 'recovery', code: first }, origin()),
    );
    expect(again.status).toBe(401);

    const results = await Promise.allSettled([
      mfa.complete({ challenge_token: challenge, method_id: 'recovery', code: second }, origin()),
      mfa.complete({ challenge_token: challenge, method_id: 'recovery', code: second }, origin()),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(AppError);
    expect((refused?.reason as AppError | undefined)?.status).toBe(401);

    const events = await createSecurityEventsRepository(db).listForUser(user.id, 20);
    expect(events.filter((event) => event.event_type === 'mfa_recovery_code_used')).toHaveLength(2);
    expect(events.filter((event) => event.event_type === 'mfa_recovery_reset')).toHaveLength(1);
    const logins = await db
      .selectFrom('activity_events')
      .select('metadata')
      .where('actor_id', '=', user.id)
      .where('action', '=', 'auth.login.success')
      .execute();
    expect(logins.map((row) => row.metadata.method)).toEqual(['mfa_recovery_code', 'mfa_recovery_code']);

    // Regeneration replaces the old codes.
    const [third = ''] = data.codes.slice(2);
    secrets.push(...(await mfa.regenerateRecoveryCodes(caller(user.id))).data.codes);
    expect(
      (
        await rejection(
          mfa.complete({ challenge_token: challenge, method_id: 'recovery', code: third }, origin()),
        )
      ).status,
    ).toBe(401);
  });

  it('re-checks the user before accepting a code', async () => {
    const { user } = await enrolled();
    const { data } = await mfa.regenerateRecoveryCodes(caller(user.id));
    secrets.push(...data.codes);
    const challenge = await challengeFor(user.id);
    await createUsersRepository(db).updateStatus(user.id, 'disabled');
    const code = data.codes[0] ?? '';
    const refused = await rejection(
      mfa.complete({ challenge_token: challenge, method_id: 'recovery', code }, origin()),
    );
    expect(refused.status).toBe(403);
    await createUsersRepository(db).lock(user.id, new Date(clock.now() + 60_000));
    expect(
      (await rejection(mfa.complete({ challenge_token: challenge, method_id: 'recovery', code }, origin())))
        .status,
    ).toBe(423);
    await createUsersRepository(db).updateStatus(user.id, 'active');
    await mfa.complete({ challenge_token: challenge, method_id: 'recovery', code }, origin());
  });

  it('revokes a method, which then cannot complete a login', async () => {
    const { user, methodId, secret } = await enrolled();
    const revoked = await mfa.revokeMethod(caller(user.id), methodId);
    expect(revoked.data.revoked_at).not.toBeNull();
    expect((await rejection(mfa.revokeMethod(caller(user.id), methodId))).status).toBe(404);
    const stranger = await newUser();
    const { methodId: otherMethod } = await enrolled();
    expect((await rejection(mfa.revokeMethod(caller(stranger.id), otherMethod))).status).toBe(404);
    const challenge = await challengeFor(user.id);
    const code = totpCode(secret, clock.now());
    expect(
      (await rejection(mfa.complete({ challenge_token: challenge, method_id: methodId, code }, origin())))
        .status,
    ).toBe(401);
  });

  it('answers 429 after 10 verifications per user per hour, and rate-limits completion by challenge subject', async () => {
    const user = await newUser();
    const { data } = await mfa.enrollTotp(caller(user.id), {});
    secrets.push(data.secret);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const error = await rejection(
        mfa.verifyTotp(caller(user.id), { method_id: data.method_id, code: '000000' }),
      );
      expect(error.status).toBe(400);
    }
    const blocked = await rejection(
      mfa.verifyTotp(caller(user.id), { method_id: data.method_id, code: '000000' }),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.headers['Retry-After']).toBeDefined();

    const challenge = await challengeFor(user.id);
    const completion = await rejection(
      mfa.complete({ challenge_token: challenge, method_id: data.method_id, code: '000000' }, origin()),
    );
    expect(completion.status).toBe(429);
  });

  it('answers 429 after 20 verifications from one IP per hour', async () => {
    const ip = { ip: '203.0.113.9', userAgent: null };
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const user = await newUser();
      const challenge = await challengeFor(user.id);
      const error = await rejection(
        mfa.complete({ challenge_token: challenge, method_id: 'recovery', code: 'x' }, ip),
      );
      expect(error.status).toBe(401);
    }
    const user = await newUser();
    const challenge = await challengeFor(user.id);
    const blocked = await rejection(
      mfa.complete({ challenge_token: challenge, method_id: 'recovery', code: 'x' }, ip),
    );
    expect(blocked.status).toBe(429);
  });

  it('never writes a secret, code, token or password into a log line', () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(secrets.filter((secret) => lines.some((line) => line.includes(secret)))).toEqual([]);
  });
});
