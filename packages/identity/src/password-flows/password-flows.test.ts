import { createHash, randomUUID } from 'node:crypto';
import {
  asId,
  type EmailSender,
  type KeyValueStore,
  type Logger,
  type SessionId,
  type TenantId,
  type UserId,
} from '@starter/contracts';
import { createMemoryKeyValueStore, createRateLimiter } from '@starter/providers';
import {
  createManualClock,
  createOutboxEmailSender,
  type OutboxEmailSender,
} from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../lockout/login-throttle.js';
import { createPasswordPolicy } from '../passwords/password-policy.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createSessionsRepository } from '../repositories/sessions-repository.js';
import { createTenantsRepository } from '../repositories/tenants-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import {
  createCapturingLogger,
  createIdentityTestContext,
  createTestPasswordHasher,
  type IdentityTestContext,
  rejectionOf,
} from '../test-support/identity-test-context.js';
import type { CallerContext } from './caller-context.js';
import { createPasswordFlows, type PasswordFlows } from './password-flows.js';
import type { PasswordFlowsDeps } from './password-flows-deps.js';
import { FORGOT_PASSWORD_MESSAGE } from './password-reset-flow.js';

const STRONG = ['Violet!Tangerine#Harbor42', 'Quartz*Meadow*Lantern*77', 'Copper~Glacier~Pelican~305'];
const APP_URL = 'https://app.example.test';
/** Every secret a flow saw or produced; no log line may contain one. */
const secrets: string[] = [...STRONG];
const lines: string[] = [];

const captureLogger = (): Logger => createCapturingLogger(lines);
const rejection = (promise: Promise<unknown>) => rejectionOf(promise, { requireAppError: true });

const tokenFrom = (text: string): string => {
  const match = /\?token=([0-9a-f]{16}\.[0-9a-f]{64})/.exec(text);
  if (!match?.[1]) throw new Error('no token in the email');
  secrets.push(match[1]);
  return match[1];
};

describe('createPasswordFlows', { timeout: 60_000 }, () => {
  const runPrefix = `test:pwflows:${randomUUID()}:`;
  const hasher = createTestPasswordHasher('test-password-pepper');
  const policy = createPasswordPolicy();
  let context: IdentityTestContext;
  let db: Kysely<IdentityDatabase>;
  let kv: KeyValueStore;
  let outbox: OutboxEmailSender;
  let flows: PasswordFlows;
  let baseDeps: PasswordFlowsDeps;
  let tenantId: TenantId;

  const build = (overrides: Partial<PasswordFlowsDeps> = {}): PasswordFlows => {
    const store = overrides.kv ?? kv;
    const clock = overrides.clock ?? baseDeps.clock;
    return createPasswordFlows({
      ...baseDeps,
      ...overrides,
      throttle: createLoginThrottle({ kv: store, clock }),
      rateLimiter: createRateLimiter({ kv: store, prefix: `rl-${randomUUID()}` }),
    });
  };

  beforeAll(async () => {
    context = await createIdentityTestContext({ kvPrefix: runPrefix });
    ({ db, kv } = context);
    outbox = createOutboxEmailSender();
    const clock = createManualClock(Date.now());
    baseDeps = {
      db,
      kv,
      email: outbox,
      clock,
      hasher,
      policy,
      throttle: createLoginThrottle({ kv, clock }),
      rateLimiter: createRateLimiter({ kv, prefix: `rl-${randomUUID()}` }),
      logger: captureLogger(),
      settings: {
        oneTimeTokenPepper: 'test-one-time-pepper',
        emailVerificationTtlMinutes: 60,
        passwordResetTtlMinutes: 30,
        appPublicUrl: `${APP_URL}/`,
      },
    };
    flows = build();
    tenantId = (await createTenantsRepository(db).create({ name: 'Flows', slug: 'flows' })).tenant.id;
  }, 120_000);

  afterAll(() => context?.dispose(), 60_000);

  const newUser = async (password = STRONG[0] ?? '') => {
    const email = `${randomUUID()}@example.com`;
    const { user } = await createUsersRepository(db).create({
      user: { email, password_hash: await hasher.hash(password) },
    });
    return user;
  };
  const caller = (userId: UserId, ip = `198.51.100.${Math.floor(Math.random() * 250)}`): CallerContext => ({
    userId,
    tenantId,
    sessionId: null,
    origin: { ip, userAgent: 'vitest' },
  });
  const openSessions = async (userId: UserId, count: number) => {
    const sessions = createSessionsRepository(db);
    for (let index = 0; index < count; index += 1) {
      const jti = randomUUID();
      await sessions.create({
        sessionId: asId<'SessionId'>(randomUUID()) as SessionId,
        userId,
        tenantId,
        details: { user_agent: 'vitest' },
        token: {
          refresh_jti: jti,
          token_hash: createHash('sha256').update(jti).digest('hex'),
          signing_kid: 'kid',
          scope_key: 'conversations:read',
          scopes: ['conversations:read'],
          fingerprint: null,
          issued_at: new Date(),
          expires_at: new Date(Date.now() + 86_400_000),
        },
      });
    }
  };
  const sessionStates = (userId: UserId) =>
    db
      .selectFrom('user_sessions')
      .select(['revoked_at', 'revoked_reason'])
      .where('user_id', '=', userId)
      .execute();
  const activeTokens = async (userId: UserId) =>
    (
      await db
        .selectFrom('service_account_tokens')
        .select('id')
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute()
    ).length;
  const lastMailTo = (email: string) => {
    const mail = outbox.outbox.filter((message) => [message.to].flat().includes(email)).at(-1);
    if (!mail) throw new Error(`no mail to ${email}`);
    return mail;
  };

  describe('email verification', () => {
    it('mails a single-use link, stores only a hash, verifies and revokes every session', async () => {
      const user = await newUser();
      await openSessions(user.id, 2);
      const sent = await flows.sendVerification(caller(user.id));
      expect(sent).toEqual({ message: 'Verification email sent.', data: null });
      const mail = lastMailTo(user.email);
      expect(mail.text).toContain(`${APP_URL}/verify-email?token=`);
      const token = tokenFrom(mail.text);
      const [id = '', secret = ''] = token.split('.');
      const stored = await kv.get(`auth:emailverify:${id}`);
      expect(stored).not.toBeNull();
      expect(stored).not.toContain(secret);
      const ttl = (await kv.ttl(`auth:emailverify:${id}`)) ?? 0;
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60 * 60_000);

      const verified = await flows.verifyEmail(token);
      expect(verified.data).toEqual({ user_id: user.id, revoked_sessions: 2 });
      expect((await createUsersRepository(db).findById(user.id))?.email_verified_at).not.toBeNull();
      const states = await sessionStates(user.id);
      expect(states).toHaveLength(2);
      expect(states.every((row) => row.revoked_at !== null && row.revoked_reason === 'email_verified')).toBe(
        true,
      );
      expect(await activeTokens(user.id)).toBe(0);

      expect((await rejection(flows.verifyEmail(token))).status).toBe(400);
      const before = outbox.outbox.length;
      expect(await flows.sendVerification(caller(user.id))).toEqual({
        message: 'Email already verified.',
        data: null,
      });
      expect(outbox.outbox.length).toBe(before);
    });

    it('rejects malformed, forged and expired tokens with 400', async () => {
      const clock = createManualClock(Date.now());
      const store = createMemoryKeyValueStore({ clock });
      const local = build({ kv: store, clock });
      const user = await newUser();
      await local.sendVerification(caller(user.id));
      const token = tokenFrom(lastMailTo(user.email).text);
      const forged = `${token.slice(0, 17)}${'0'.repeat(64)}`;
      for (const bad of ['', 'nope', forged]) {
        expect((await rejection(local.verifyEmail(bad))).status).toBe(400);
      }
      clock.advance(61 * 60_000);
      const expired = await rejection(local.verifyEmail(token));
      expect(expired.status).toBe(400);
      expect((await createUsersRepository(db).findById(user.id))?.email_verified_at).toBeNull();
      await store.close();
    });

    it('does not verify an address the account no longer has', async () => {
      const user = await newUser();
      await flows.sendVerification(caller(user.id));
      const token = tokenFrom(lastMailTo(user.email).text);
      await createUsersRepository(db).changeEmail(user.id, `${randomUUID()}@example.com`);
      expect((await rejection(flows.verifyEmail(token))).status).toBe(400);
      expect((await createUsersRepository(db).findById(user.id))?.email_verified_at).toBeNull();
    });

    it('answers 429 after 3 sends per user per hour', async () => {
      const user = await newUser();
      for (let attempt = 0; attempt < 3; attempt += 1) await flows.sendVerification(caller(user.id));
      const blocked = await rejection(flows.sendVerification(caller(user.id)));
      expect(blocked.status).toBe(429);
      expect(blocked.headers['Retry-After']).toBeDefined();
      for (const mail of outbox.outbox.filter((message) => [message.to].flat().includes(user.email)))
        tokenFrom(mail.text);
    });

    it('answers 429 after 10 sends per IP per hour', async () => {
      const ip = '203.0.113.77';
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const user = await newUser();
        await flows.sendVerification(caller(user.id, ip));
        tokenFrom(lastMailTo(user.email).text);
      }
      const user = await newUser();
      expect((await rejection(flows.sendVerification(caller(user.id, ip)))).status).toBe(429);
    });

    it('turns a delivery failure into a 502', async () => {
      const failing: EmailSender = {
        provider: 'smtp',
        send: () => Promise.reject(new Error('smtp down')),
        close: () => Promise.resolve(),
      };
      const user = await newUser();
      const error = await rejection(build({ email: failing }).sendVerification(caller(user.id)));
      expect(error.status).toBe(502);
    });
  });

  describe('password reset', () => {
    it('gives the same generic answer for unknown and known emails and mails only the known one', async () => {
      const user = await newUser();
      const before = outbox.outbox.length;
      const unknown = await flows.forgotPassword(`${randomUUID()}@example.com`, {
        ip: '192.0.2.10',
        userAgent: null,
      });
      const known = await flows.forgotPassword(user.email.toUpperCase(), {
        ip: '192.0.2.10',
        userAgent: null,
      });
      expect(unknown).toEqual({ message: FORGOT_PASSWORD_MESSAGE, data: null });
      expect(known).toEqual(unknown);
      expect(outbox.outbox.length).toBe(before + 1);
      const mail = lastMailTo(user.email);
      expect(mail.text).toContain(`${APP_URL}/reset-password?token=`);
      tokenFrom(mail.text);
    });

    it('confirms once: policy and reuse are 400 and keep the token, success revokes and clears the lock', async () => {
      const user = await newUser(STRONG[0]);
      await openSessions(user.id, 3);
      const throttle = createLoginThrottle({ kv, clock: baseDeps.clock });
      for (let attempt = 0; attempt < 5; attempt += 1)
        await throttle.recordFailure({ userId: user.id, ip: '192.0.2.1' });
      expect(await throttle.isUserLocked(user.id)).toBe(true);

      await flows.forgotPassword(user.email, { ip: '192.0.2.11', userAgent: null });
      const token = tokenFrom(lastMailTo(user.email).text);
      const weak = await rejection(flows.confirmReset(token, 'password1234567'));
      expect(weak.status).toBe(400);
      expect(weak.details).toMatchObject({ problems: expect.any(Array) });
      const reused = await rejection(flows.confirmReset(token, STRONG[0] ?? ''));
      expect(reused.status).toBe(400);
      expect(reused.message).toContain('used recently');

      const done = await flows.confirmReset(token, STRONG[1] ?? '');
      expect(done.data).toEqual({ user_id: user.id, revoked_sessions: 3 });
      const stored = await createUsersRepository(db).findById(user.id);
      expect(await hasher.verify(stored?.password_hash ?? '', STRONG[1] ?? '')).toBe(true);
      const states = await sessionStates(user.id);
      expect(states.every((row) => row.revoked_reason === 'password_reset_token')).toBe(true);
      expect(await activeTokens(user.id)).toBe(0);
      expect(await throttle.isUserLocked(user.id)).toBe(false);
      const events = await createSecurityEventsRepository(db).listForUser(user.id, 5);
      expect(events.map((event) => event.event_type)).toContain('password_reset_token');

      expect((await rejection(flows.confirmReset(token, STRONG[2] ?? ''))).status).toBe(400);
    });

    it('refuses an expired reset token', async () => {
      const clock = createManualClock(Date.now());
      const store = createMemoryKeyValueStore({ clock });
      const local = build({ kv: store, clock });
      const user = await newUser();
      await local.forgotPassword(user.email, { ip: null, userAgent: null });
      const token = tokenFrom(lastMailTo(user.email).text);
      clock.advance(31 * 60_000);
      expect((await rejection(local.confirmReset(token, STRONG[1] ?? ''))).status).toBe(400);
      await store.close();
    });

    it('answers 429 after 5 requests per email and 20 per IP per hour, for unknown emails too', async () => {
      const email = `${randomUUID()}@example.com`;
      for (let attempt = 0; attempt < 5; attempt += 1)
        await flows.forgotPassword(email, { ip: null, userAgent: null });
      expect((await rejection(flows.forgotPassword(email, { ip: null, userAgent: null }))).status).toBe(429);
      const origin = { ip: '203.0.113.200', userAgent: null };
      for (let attempt = 0; attempt < 20; attempt += 1) {
        await flows.forgotPassword(`${randomUUID()}@example.com`, origin);
      }
      expect((await rejection(flows.forgotPassword(`${randomUUID()}@example.com`, origin))).status).toBe(429);
    });
  });

  describe('password change and admin reset (behaviour 8)', () => {
    it('rejects a wrong current password, weak passwords and history reuse, then revokes every session', async () => {
      const user = await newUser(STRONG[0]);
      const me = caller(user.id);
      const wrong = await rejection(
        flows.changePassword(me, { current_password: 'not-the-password', new_password: STRONG[1] ?? '' }),
      );
      expect(wrong.status).toBe(401);
      const weak = await rejection(
        flows.changePassword(me, { current_password: STRONG[0] ?? '', new_password: 'aaaaaaaaaaaaaaaa' }),
      );
      expect(weak.status).toBe(400);
      await flows.changePassword(me, { current_password: STRONG[0] ?? '', new_password: STRONG[1] ?? '' });
      await openSessions(user.id, 2);
      // The first password is no longer current but still in history.
      const reused = await rejection(
        flows.changePassword(me, { current_password: STRONG[1] ?? '', new_password: STRONG[0] ?? '' }),
      );
      expect(reused.status).toBe(400);
      const changed = await flows.changePassword(me, {
        current_password: STRONG[1] ?? '',
        new_password: STRONG[2] ?? '',
      });
      expect(changed.data.revoked_sessions).toBe(2);
      expect((await sessionStates(user.id)).every((row) => row.revoked_reason === 'password_change')).toBe(
        true,
      );
      expect(await activeTokens(user.id)).toBe(0);
      const events = await createSecurityEventsRepository(db).listForUser(user.id, 5);
      expect(events.filter((event) => event.event_type === 'password_change')).toHaveLength(2);
    });

    it('admin reset requires membership in the caller tenant and revokes the target sessions', async () => {
      const admin = await newUser();
      const member = await newUser();
      const outsider = await newUser();
      const memberships = createMembershipsRepository(db);
      await memberships.add(tenantId, { userId: admin.id, role: 'admin' });
      await memberships.add(tenantId, { userId: member.id, role: 'member' });
      const other = (await createTenantsRepository(db).create({ name: 'Other', slug: `o-${randomUUID()}` }))
        .tenant;
      await memberships.add(other.id, { userId: outsider.id, role: 'member' });
      await openSessions(member.id, 2);

      const notMember = await rejection(
        flows.adminReset(caller(admin.id), { user_id: outsider.id, new_password: STRONG[1] ?? '' }),
      );
      expect(notMember.status).toBe(404);
      const weak = await rejection(
        flows.adminReset(caller(admin.id), { user_id: member.id, new_password: 'short' }),
      );
      expect(weak.status).toBe(400);
      const reset = await flows.adminReset(caller(admin.id), {
        user_id: member.id,
        new_password: STRONG[2] ?? '',
      });
      expect(reset.data).toEqual({ user_id: member.id, revoked_sessions: 2 });
      expect((await sessionStates(member.id)).every((row) => row.revoked_reason === 'password_reset')).toBe(
        true,
      );
      const stored = await createUsersRepository(db).findById(member.id);
      expect(await hasher.verify(stored?.password_hash ?? '', STRONG[2] ?? '')).toBe(true);
      const untouched = await createUsersRepository(db).findById(outsider.id);
      expect(await hasher.verify(untouched?.password_hash ?? '', STRONG[0] ?? '')).toBe(true);
    });
  });

  it('never writes a token, secret or password into a log line', () => {
    expect(lines.length).toBeGreaterThan(0);
    const leaked = secrets
      .flatMap((secret) => [secret, ...secret.split('.')])
      .filter((secret) => lines.some((line) => line.includes(secret)));
    expect(leaked).toEqual([]);
  });
});
