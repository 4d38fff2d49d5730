import { randomUUID } from 'node:crypto';
import { asId, type Logger, type TenantId, type UserId } from '@starter/contracts';
import {
  createKysely,
  createMemoryKeyValueStore,
  createMigrator,
  createRateLimiter,
} from '@starter/providers';
import { createManualClock, createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../crypto/secret-box.js';
import { createKeyManager } from '../keys/key-manager.js';
import { createMemoryKeysetStore } from '../keys/memory-keyset-store.js';
import { createLoginThrottle } from '../lockout/login-throttle.js';
import { identityMigrations } from '../migrations/identity-migrations.js';
import { createPasswordFlows } from '../password-flows/password-flows.js';
import { createPasswordHasher } from '../passwords/password-hasher.js';
import { createPasswordPolicy } from '../passwords/password-policy.js';
import { createPlatformTenants } from '../platform/platform-tenants.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createTenantsRepository } from '../repositories/tenants-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { createSessionService, type SessionService } from '../session-service/session-service.js';
import { hashIp } from '../sessions/hash-ip.js';
import { createTokenService } from '../tokens/token-service.js';
import type { ActivityAction } from './activity-actions.js';
import { type ActivityRecorder, createActivityRecorder } from './activity-recorder.js';

const PASSWORD = 'Violet!Tangerine#Harbor42';
const NEW_PASSWORD = 'Quartz*Meadow*Lantern*77';
const SALT = 'ip-salt';
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

describe('activity recorded by the identity flows', { timeout: 60_000 }, () => {
  const clock = createManualClock(Date.now());
  const hasher = createPasswordHasher({
    pepper: 'pepper',
    cost: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
  });
  const kv = createMemoryKeyValueStore();
  let database: TestDatabase;
  let db: Kysely<IdentityDatabase>;
  let activity: ActivityRecorder;
  let sessions: SessionService;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createMigrator(database, [identityMigrations]).up();
    db = createKysely<IdentityDatabase>(database);
    activity = createActivityRecorder({ db, clock, ipHashSalt: SALT });
    const keys = createKeyManager({ store: createMemoryKeysetStore(), clock });
    await keys.ensureKeyset();
    const tokens = createTokenService({
      keys,
      clock,
      issuer: 'test',
      audiences: ['agent-api'],
      accessTtlSeconds: 1800,
      refreshTtlSeconds: 86_400,
      mfaChallengeTtlSeconds: 300,
    });
    sessions = createSessionService({
      db,
      tokens,
      passwords: hasher,
      throttle: createLoginThrottle({ kv, clock }),
      secretBox: createSecretBox('test-session-encryption-key'),
      secrets: { refreshTokenPepper: 'refresh-pepper', ipHashSalt: SALT },
      clock,
      logger: silent,
      activity,
    });
  }, 120_000);
  afterAll(async () => {
    await kv.close();
    await database?.drop();
  }, 60_000);

  const origin = () => ({ ip: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: 'vitest' });
  const member = async () => {
    const suffix = randomUUID().slice(0, 8);
    const { tenant } = await createTenantsRepository(db).create({ name: `T ${suffix}`, slug: `t-${suffix}` });
    const { user } = await createUsersRepository(db).create({
      user: { email: `${randomUUID()}@example.com`, password_hash: await hasher.hash(PASSWORD) },
    });
    await createMembershipsRepository(db).add(tenant.id, { userId: user.id, role: 'member' });
    return { tenantId: tenant.id, user };
  };
  const eventsOf = (tenantId: TenantId, action: ActivityAction) =>
    db
      .selectFrom('activity_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('action', '=', action)
      .execute();
  const expectOne = async (
    tenantId: TenantId,
    action: ActivityAction,
    expected: { actorId: UserId; ip: string | null; status?: string; actorType?: string },
  ) => {
    const rows = await eventsOf(tenantId, action);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: expected.actorId,
      actor_type: expected.actorType ?? 'user',
      status: expected.status ?? 'success',
      ip_hash: expected.ip === null ? null : hashIp(SALT, expected.ip),
    });
    return rows[0];
  };

  it('logs a login success and a login failure with the hashed IP', async () => {
    const { tenantId, user } = await member();
    const ok = origin();
    await sessions.login({ email: user.email, password: PASSWORD, origin: ok });
    const success = await expectOne(tenantId, 'auth.login.success', { actorId: user.id, ip: ok.ip });
    expect(success?.metadata).toEqual({ method: 'password' });

    const bad = origin();
    await expect(sessions.login({ email: user.email, password: 'wrong', origin: bad })).rejects.toThrow();
    const failure = await expectOne(tenantId, 'auth.login.failure', {
      actorId: user.id,
      ip: bad.ip,
      status: 'failure',
    });
    expect(failure?.metadata).toEqual({ reason: 'invalid_password' });
  });

  it('skips a failed login whose tenant is ambiguous', async () => {
    const { tenantId, user } = await member();
    const other = await createTenantsRepository(db).create({
      name: 'Other',
      slug: `o-${randomUUID().slice(0, 8)}`,
    });
    await createMembershipsRepository(db).add(other.tenant.id, { userId: user.id, role: 'member' });
    await expect(
      sessions.login({ email: user.email, password: 'wrong', origin: origin() }),
    ).rejects.toThrow();
    expect(await eventsOf(tenantId, 'auth.login.failure')).toHaveLength(0);
    expect(await eventsOf(other.tenant.id, 'auth.login.failure')).toHaveLength(0);
  });

  it('logs a logout', async () => {
    const { tenantId, user } = await member();
    const login = await sessions.login({ email: user.email, password: PASSWORD, origin: origin() });
    if (login.kind !== 'tokens') throw new Error('expected tokens');
    const out = origin();
    await sessions.logout(user.id, login.tokens.refresh_token, out);
    const row = await expectOne(tenantId, 'auth.logout', { actorId: user.id, ip: out.ip });
    expect(row?.metadata).toMatchObject({ scope: 'session' });
  });

  it('logs a password change', async () => {
    const { tenantId, user } = await member();
    const flows = createPasswordFlows({
      db,
      kv,
      email: { send: async () => undefined } as never,
      clock,
      hasher,
      policy: createPasswordPolicy(),
      throttle: createLoginThrottle({ kv, clock }),
      rateLimiter: createRateLimiter({ kv, prefix: `rl-${randomUUID()}` }),
      logger: silent,
      settings: {
        oneTimeTokenPepper: 'otp-pepper',
        emailVerificationTtlMinutes: 60,
        passwordResetTtlMinutes: 30,
        appPublicUrl: 'https://app.example.test',
      },
      activity,
    });
    const at = origin();
    await flows.changePassword(
      { userId: user.id, tenantId, sessionId: null, origin: at },
      { current_password: PASSWORD, new_password: NEW_PASSWORD },
    );
    const row = await expectOne(tenantId, 'auth.password.changed', { actorId: user.id, ip: at.ip });
    expect(row?.metadata).toMatchObject({ via: 'change' });
  });

  it('logs a tenant suspension by an operator', async () => {
    const platform = createPlatformTenants({ db, activity });
    const operator = {
      userId: asId<'UserId'>(randomUUID()),
      scopes: ['platform:operator'],
      origin: origin(),
    };
    const tenant = await platform.createTenant(operator, { name: `Suspended ${randomUUID().slice(0, 6)}` });
    await platform.suspendTenant(operator, tenant.id, { reason: 'unpaid' });
    const tenantId = asId<'TenantId'>(tenant.id);
    const row = await expectOne(tenantId, 'tenant.lifecycle', {
      actorId: operator.userId,
      actorType: 'operator',
      ip: operator.origin.ip,
    });
    expect(row?.metadata).toEqual({ status: 'suspended', previous_status: 'active', reason: 'unpaid' });
    expect(await eventsOf(tenantId, 'tenant.account.created')).toHaveLength(1);
  });
});
