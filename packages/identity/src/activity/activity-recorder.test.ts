import { randomUUID } from 'node:crypto';
import { asId, type TenantId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createManualClock, createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMigrations } from '../migrations/identity-migrations.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { hashIp } from '../sessions/hash-ip.js';
import type { ActivityAction } from './activity-actions.js';
import { type ActivityRecorder, createActivityRecorder } from './activity-recorder.js';

describe('createActivityRecorder', { timeout: 60_000 }, () => {
  const clock = createManualClock(Date.parse('2026-03-01T12:00:00Z'));
  let database: TestDatabase;
  let db: Kysely<IdentityDatabase>;
  let activity: ActivityRecorder;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createMigrator(database, [identityMigrations]).up();
    db = createKysely<IdentityDatabase>(database);
    activity = createActivityRecorder({ db, clock, ipHashSalt: 'ip-salt' });
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  }, 60_000);

  const rowsOf = (tenantId: TenantId) =>
    db.selectFrom('activity_events').selectAll().where('tenant_id', '=', tenantId).execute();

  it('stores a validated event with the IP hashed, never in the clear', async () => {
    const tenantId = asId<'TenantId'>(randomUUID());
    const row = await activity.record({
      action: 'tenant.lifecycle',
      tenantId,
      actor: { type: 'operator', id: 'op-1' },
      object: { type: 'tenant', id: tenantId, name: 'Acme' },
      origin: { ip: '203.0.113.9', userAgent: 'vitest' },
      metadata: { status: 'suspended', reason: 'unpaid' },
    });
    expect(row).toMatchObject({
      tenant_id: tenantId,
      action: 'tenant.lifecycle',
      actor_type: 'operator',
      actor_id: 'op-1',
      object_name: 'Acme',
      status: 'success',
      source: 'api',
      ip_hash: hashIp('ip-salt', '203.0.113.9'),
      user_agent: 'vitest',
      metadata: { status: 'suspended', reason: 'unpaid' },
      created_at: clock.date(),
    });
    expect(JSON.stringify(row)).not.toContain('203.0.113.9');
  });

  it('carries the request id from the origin, unless the event names one', async () => {
    const tenantId = asId<'TenantId'>(randomUUID());
    const origin = { ip: null, userAgent: null, requestId: 'req-from-origin' };
    const base = { tenantId, actor: { type: 'user' as const }, metadata: { scope: 'all' } };
    const fromOrigin = await activity.record({ ...base, action: 'auth.logout', origin });
    expect(fromOrigin.request_id).toBe('req-from-origin');
    const explicit = await activity.record({ ...base, action: 'auth.logout', origin, requestId: 'req-own' });
    expect(explicit.request_id).toBe('req-own');
    const none = await activity.record({ ...base, action: 'auth.logout' });
    expect(none.request_id).toBeNull();
  });

  it('refuses unregistered actions and metadata before writing anything', async () => {
    const tenantId = asId<'TenantId'>(randomUUID());
    const base = { tenantId, actor: { type: 'system' as const } };
    await expect(
      activity.record({ ...base, action: 'auth.nope' as ActivityAction, metadata: {} }),
    ).rejects.toThrow(TypeError);
    await expect(activity.record({ ...base, action: 'auth.login.failure' })).rejects.toThrow(TypeError);
    await expect(
      activity.record({ ...base, action: 'auth.logout', metadata: { scope: 'all', token: 'secret' } }),
    ).rejects.toThrow(TypeError);
    expect(await rowsOf(tenantId)).toHaveLength(0);
  });

  it('records several events in one INSERT, in order, or none when one is invalid', async () => {
    const tenantId = asId<'TenantId'>(randomUUID());
    const published: string[] = [];
    const streamed = createActivityRecorder({
      db,
      clock,
      ipHashSalt: 'ip-salt',
      stream: async (row) => {
        published.push(row.action);
      },
    });
    const base = { tenantId, actor: { type: 'user' as const, id: 'u1' } };
    const actions: ActivityAction[] = ['auth.logout', 'auth.login.success', 'auth.logout'];
    const metadataOf = (action: ActivityAction) =>
      action === 'auth.logout' ? { scope: 'all' } : { method: 'password' };
    const rows = await streamed.recordMany(
      actions.map((action) => ({ ...base, action, metadata: metadataOf(action) })),
    );
    expect(rows.map((row) => row.action)).toEqual(actions);
    expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((a, b) => a - b));
    expect(published).toEqual(actions);
    expect((await rowsOf(tenantId)).map((row) => row.action).sort()).toEqual([...actions].sort());

    const other = asId<'TenantId'>(randomUUID());
    await expect(
      activity.recordMany([
        { tenantId: other, actor: { type: 'system' }, action: 'auth.logout', metadata: { scope: 'all' } },
        { tenantId: other, actor: { type: 'system' }, action: 'auth.nope' as ActivityAction },
      ]),
    ).rejects.toThrow(TypeError);
    expect(await rowsOf(other)).toHaveLength(0);
    expect(await activity.recordMany([])).toEqual([]);
  });

  it("joins the caller's transaction and rolls back with it", async () => {
    const tenantId = asId<'TenantId'>(randomUUID());
    const failed = db.transaction().execute(async (trx) => {
      await activity.record(
        { action: 'auth.logout', tenantId, actor: { type: 'user' }, metadata: { scope: 'all' } },
        trx,
      );
      throw new Error('unit of work failed');
    });
    await expect(failed).rejects.toThrow('unit of work failed');
    expect(await rowsOf(tenantId)).toHaveLength(0);
  });
});
