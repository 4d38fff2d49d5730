import { createHash, randomUUID } from 'node:crypto';
import { asId, type KeyValueStore, type Logger, type TenantId, type UserId } from '@starter/contracts';
import { createRateLimiter } from '@starter/providers';
import { createOutboxEmailSender, type OutboxEmailSender } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../lockout/login-throttle.js';
import type { CallerContext } from '../password-flows/caller-context.js';
import { createPasswordFlows, type PasswordFlows } from '../password-flows/password-flows.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createNotificationPreferencesRepository } from '../repositories/notification-preferences-repository.js';
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
  seedTenant,
  seedUser,
} from '../test-support/identity-test-context.js';
import { UpdateProfileBodySchema, UpsertNotificationPreferenceBodySchema } from './profile-schemas.js';
import { createProfileService, type ProfileService } from './profile-service.js';

const PASSWORD = 'Violet!Tangerine#Harbor42';
const lines: string[] = [];

const captureLogger = (): Logger => createCapturingLogger(lines);
const rejection = (promise: Promise<unknown>) => rejectionOf(promise, { requireAppError: true });

describe('createProfileService', { timeout: 60_000 }, () => {
  const hasher = createTestPasswordHasher();
  let context: IdentityTestContext;
  let db: Kysely<IdentityDatabase>;
  let kv: KeyValueStore;
  let outbox: OutboxEmailSender;
  let service: ProfileService;
  let passwordFlows: PasswordFlows;
  let tenantId: TenantId;

  beforeAll(async () => {
    context = await createIdentityTestContext({ kvPrefix: `test:profiles:${randomUUID()}:` });
    ({ db, kv } = context);
    outbox = createOutboxEmailSender();
    const { clock, policy } = context;
    const logger = captureLogger();
    passwordFlows = createPasswordFlows({
      db,
      kv,
      email: outbox,
      clock,
      hasher,
      policy,
      throttle: createLoginThrottle({ kv, clock }),
      rateLimiter: createRateLimiter({ kv, prefix: `rl-${randomUUID()}` }),
      logger,
      settings: {
        oneTimeTokenPepper: 'one-time-pepper',
        emailVerificationTtlMinutes: 60,
        passwordResetTtlMinutes: 30,
        appPublicUrl: 'https://app.example.test',
      },
    });
    service = createProfileService({ db, hasher, passwordFlows, logger });
    tenantId = (await seedTenant(db, { name: 'Profiles', slug: 'profiles' })).id;
  }, 120_000);

  afterAll(() => context?.dispose(), 60_000);

  const newUser = async (role: 'owner' | 'member' | null = 'member', tenant: TenantId = tenantId) => {
    return seedUser(db, {
      user: { password_hash: await hasher.hash(PASSWORD) },
      profile: { display_name: 'Ada', timezone: 'Europe/London' },
      ...(role !== null ? { membership: { tenantId: tenant, role } } : {}),
    });
  };
  const caller = (userId: UserId, tenant: TenantId | null = tenantId): CallerContext => ({
    userId,
    tenantId: tenant,
    sessionId: null,
    origin: { ip: '198.51.100.4', userAgent: 'vitest' },
  });
  const openSession = async (userId: UserId) => {
    const jti = randomUUID();
    await createSessionsRepository(db).create({
      sessionId: asId<'SessionId'>(randomUUID()),
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
  };

  it('returns the §1.9 profile with the tenant role and verification state', async () => {
    const user = await newUser('owner');
    const me = await service.getMe(caller(user.id));
    expect(me.data).toEqual({
      user_id: user.id,
      tenant_id: tenantId,
      email: user.email,
      display_name: 'Ada',
      given_name: null,
      family_name: null,
      avatar_url: null,
      timezone: 'Europe/London',
      locale: null,
      role: 'owner',
      email_verified: false,
    });
    expect((await service.getMe(caller(user.id, null))).data).toMatchObject({ tenant_id: null, role: null });
  });

  it('reads /users/me in one query, with no role in a tenant the user is not a member of', async () => {
    let queries = 0;
    const counting = db.withPlugin({
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const counted = createProfileService({
      db: counting,
      hasher,
      passwordFlows,
      logger: captureLogger(),
    });
    const user = await newUser('member');
    const me = await counted.getMe(caller(user.id));
    expect(queries).toBe(1);
    expect(me.data).toMatchObject({ user_id: user.id, role: 'member', display_name: 'Ada' });

    const otherTenant = (await seedTenant(db, { name: 'Elsewhere' })).id;
    expect((await counted.getMe(caller(user.id, otherTenant))).data).toMatchObject({
      tenant_id: otherTenant,
      role: null,
      display_name: 'Ada',
    });
    const stranger = asId<'UserId'>(randomUUID());
    expect((await rejection(counted.getMe(caller(stranger)))).code).toBe('NotFound');
  });

  it('updates only the given profile fields, and the schema bounds them', async () => {
    const user = await newUser();
    const patch = UpdateProfileBodySchema.parse({ given_name: 'Ada', timezone: null });
    const updated = await service.updateProfile(caller(user.id), patch);
    expect(updated.data).toMatchObject({ display_name: 'Ada', given_name: 'Ada', timezone: null });
    expect(UpdateProfileBodySchema.safeParse({ display_name: 'x'.repeat(129) }).success).toBe(false);
    expect(UpdateProfileBodySchema.safeParse({ avatar_url: 'javascript:alert(1)' }).success).toBe(false);
    expect(UpdateProfileBodySchema.safeParse({ email: 'a@b.c' }).success).toBe(false);
  });

  it('changes the email: 401 wrong password, 409 taken, clears verification and sends a new link', async () => {
    const user = await newUser();
    const other = await newUser();
    await createUsersRepository(db).markEmailVerified(user.id);
    const wrong = await rejection(
      service.changeEmail(caller(user.id), {
        new_email: `${randomUUID()}@example.com`,
        current_password: 'nope',
      }),
    );
    expect(wrong.status).toBe(401);
    const taken = await rejection(
      service.changeEmail(caller(user.id), {
        new_email: other.email.toUpperCase(),
        current_password: PASSWORD,
      }),
    );
    expect(taken.status).toBe(409);
    const email = `${randomUUID()}@example.com`;
    const changed = await service.changeEmail(caller(user.id), {
      new_email: email,
      current_password: PASSWORD,
    });
    expect(changed.data).toEqual({ user_id: user.id, email, verification_sent: true });
    expect((await service.getMe(caller(user.id))).data).toMatchObject({ email, email_verified: false });
    const mail = outbox.outbox.at(-1);
    expect(mail?.to).toEqual([email]);
    expect(mail?.text).toContain('https://app.example.test/verify-email?token=');
  });

  it('disables an account and revokes its sessions, but never a tenant last active owner', async () => {
    const shared = (await createTenantsRepository(db).create({ name: 'Pair', slug: `p-${randomUUID()}` }))
      .tenant;
    const owner = await newUser('owner', shared.id);
    const coOwner = await newUser('owner', shared.id);
    const solo = await newUser(null);
    const soloTenant = (await createTenantsRepository(db).create({ name: 'Solo', slug: `s-${randomUUID()}` }))
      .tenant;
    await createMembershipsRepository(db).add(soloTenant.id, { userId: solo.id, role: 'owner' });

    const wrong = await rejection(service.disable(caller(solo.id), { current_password: 'nope' }));
    expect(wrong.status).toBe(401);
    const lastOwner = await rejection(service.disable(caller(solo.id), { current_password: PASSWORD }));
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.details).toEqual({ tenant_ids: [soloTenant.id] });

    await openSession(owner.id);
    await openSession(owner.id);
    const disabled = await service.disable(caller(owner.id), { current_password: PASSWORD });
    expect(disabled.data).toEqual({ revoked_sessions: 2 });
    expect((await createUsersRepository(db).findById(owner.id))?.status).toBe('disabled');
    const active = await db
      .selectFrom('user_sessions')
      .select('id')
      .where('user_id', '=', owner.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(active).toEqual([]);
    // The remaining owner is now the last active one.
    expect(
      (await rejection(service.disable(caller(coOwner.id), { current_password: PASSWORD }))).status,
    ).toBe(409);
  });

  it('records consents idempotently per policy key and version', async () => {
    const user = await newUser();
    const first = await service.recordConsent(caller(user.id), { policy_key: 'terms', version: '2024-01' });
    const again = await service.recordConsent(caller(user.id), { policy_key: 'terms', version: '2024-01' });
    await service.recordConsent(caller(user.id), { policy_key: 'terms', version: '2024-06' });
    expect(again.data).toEqual(first.data);
    const listed = await service.listConsents(caller(user.id));
    expect(listed.data.map((consent) => `${consent.policy_key}@${consent.version}`)).toEqual([
      'terms@2024-01',
      'terms@2024-06',
    ]);
  });

  it('keeps notification preferences tenant-scoped, with cross-tenant rows', async () => {
    const user = await newUser();
    const other = (await createTenantsRepository(db).create({ name: 'Other', slug: `o-${randomUUID()}` }))
      .tenant;
    await createNotificationPreferencesRepository(db).upsert(user.id, {
      tenantId: other.id,
      channel: 'email',
      category: 'billing',
      enabled: true,
    });
    const me = caller(user.id);
    await service.upsertNotificationPreference(
      me,
      UpsertNotificationPreferenceBodySchema.parse({ channel: 'email', category: 'billing' }),
    );
    await service.upsertNotificationPreference(
      me,
      UpsertNotificationPreferenceBodySchema.parse({
        channel: 'email',
        category: 'security',
        tenant_id: null,
      }),
    );
    const updated = await service.upsertNotificationPreference(
      me,
      UpsertNotificationPreferenceBodySchema.parse({ channel: 'email', category: 'billing', enabled: false }),
    );
    expect(updated.data).toMatchObject({ tenant_id: tenantId, enabled: false });
    const listed = await service.listNotificationPreferences(me);
    expect(listed.data.map((row) => [row.category, row.tenant_id, row.enabled])).toEqual([
      ['billing', tenantId, false],
      ['security', null, true],
    ]);
    const foreign = await rejection(
      service.upsertNotificationPreference(me, {
        channel: 'email',
        category: 'billing',
        enabled: true,
        tenant_id: other.id,
      }),
    );
    expect(foreign.status).toBe(403);
    expect(
      UpsertNotificationPreferenceBodySchema.safeParse({ channel: 'x'.repeat(17), category: 'a' }).success,
    ).toBe(false);
  });

  it('never writes a password into a log line', () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes(PASSWORD) || line.includes('?token='))).toBe(false);
  });
});
