import { randomUUID } from 'node:crypto';
import type { TenantId, UserId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMigrations } from '../migrations/identity-migrations.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { createConsentsRepository } from './consents-repository.js';
import { createLoginEventsRepository } from './login-events-repository.js';
import { createNotificationPreferencesRepository } from './notification-preferences-repository.js';
import { createSecurityEventsRepository } from './security-events-repository.js';
import { createTenantsRepository } from './tenants-repository.js';
import { createUsersRepository } from './users-repository.js';

describe('security events, login events, consents and notification preferences', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let db: Kysely<IdentityDatabase>;
  let tenantId: TenantId;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createMigrator(database, [identityMigrations]).up();
    db = createKysely<IdentityDatabase>(database);
    tenantId = (await createTenantsRepository(db).create({ name: 'Records', slug: 'records' })).tenant.id;
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

  it('records security events with JSON metadata, newest first', async () => {
    const events = createSecurityEventsRepository(db);
    const userId = await newUser();
    await events.record({ eventType: 'password_change', userId, tenantId, ipHash: 'ip', uaHash: 'ua' });
    const reuse = await events.record({
      eventType: 'refresh_token_reuse',
      userId,
      metadata: { sid: 's-1', jtis: ['a', 'b'], nested: { n: 1 } },
    });
    expect(reuse).toMatchObject({
      user_id: userId,
      tenant_id: null,
      metadata: { sid: 's-1', jtis: ['a', 'b'], nested: { n: 1 } },
    });
    const listed = await events.listForUser(userId, 10);
    expect(listed.map((e) => e.event_type)).toEqual(['refresh_token_reuse', 'password_change']);
    expect(listed[1]?.metadata).toEqual({});
  });

  it('records login events, also for unknown emails', async () => {
    const logins = createLoginEventsRepository(db);
    const userId = await newUser();
    const anonymous = await logins.record({ result: 'failure', reason: 'unknown_email', ipHash: 'h' });
    expect(anonymous).toMatchObject({ user_id: null, result: 'failure' });
    await logins.record({ result: 'success', userId, tenantId, userAgent: 'ua' });
    await logins.record({ result: 'locked', userId, reason: 'threshold' });
    expect((await logins.listForUser(userId, 10)).map((e) => e.result)).toEqual(['locked', 'success']);
  });

  it('records consents idempotently per policy key and version', async () => {
    const consents = createConsentsRepository(db);
    const userId = await newUser();
    const first = await consents.record(userId, { policyKey: 'terms', version: '2024-01', ipHash: 'ip1' });
    const again = await consents.record(userId, { policyKey: 'terms', version: '2024-01', ipHash: 'ip2' });
    expect(again).toEqual(first);
    await consents.record(userId, { policyKey: 'terms', version: '2024-06' });
    const listed = await consents.list(userId);
    expect(listed.map((c) => [c.policy_key, c.version])).toEqual([
      ['terms', '2024-01'],
      ['terms', '2024-06'],
    ]);
    expect(await consents.list(await newUser())).toEqual([]);
  });

  it('upserts notification preferences per tenant, null tenant included', async () => {
    const prefs = createNotificationPreferencesRepository(db);
    const userId = await newUser();
    const global = await prefs.upsert(userId, {
      tenantId: null,
      channel: 'email',
      category: 'billing',
      enabled: true,
    });
    const globalOff = await prefs.upsert(userId, {
      tenantId: null,
      channel: 'email',
      category: 'billing',
      enabled: false,
    });
    expect(globalOff).toMatchObject({ id: global.id, enabled: false });
    const scoped = await prefs.upsert(userId, {
      tenantId,
      channel: 'email',
      category: 'billing',
      enabled: true,
    });
    expect(scoped.id).not.toBe(global.id);
    const again = await prefs.upsert(userId, {
      tenantId,
      channel: 'email',
      category: 'billing',
      enabled: false,
    });
    expect(again).toMatchObject({ id: scoped.id, enabled: false });

    const forTenant = await prefs.list(userId, tenantId);
    expect(forTenant.map((p) => p.tenant_id)).toEqual([null, tenantId]);
    expect((await prefs.list(userId, null)).map((p) => p.id)).toEqual([global.id]);
  });
});
