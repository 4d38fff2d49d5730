import { randomUUID } from 'node:crypto';
import { asId, type TenantId, type UserId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createManualClock, createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMigrations } from '../migrations/identity-migrations.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { listActivityFeed } from './activity-feed.js';
import type { ActivityReader } from './activity-reader.js';
import { type ActivityReceipts, createActivityReceipts } from './activity-receipts.js';
import { type ActivityRecorder, createActivityRecorder } from './activity-recorder.js';

describe('activity feed and receipts', { timeout: 60_000 }, () => {
  const clock = createManualClock(Date.parse('2026-03-01T12:00:00Z'));
  let database: TestDatabase;
  let db: Kysely<IdentityDatabase>;
  let recorder: ActivityRecorder;
  let receipts: ActivityReceipts;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createMigrator(database, [identityMigrations]).up();
    db = createKysely<IdentityDatabase>(database);
    recorder = createActivityRecorder({ db, clock, ipHashSalt: 'salt' });
    receipts = createActivityReceipts({ db, clock });
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  }, 60_000);

  const newReader = (tenantId = asId<'TenantId'>(randomUUID())): ActivityReader => ({
    tenantId,
    userId: asId<'UserId'>(randomUUID()) as UserId,
  });
  async function record(tenantId: TenantId, n: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      clock.advance(1000);
      const row = await recorder.record({
        action: i % 2 === 0 ? 'auth.logout' : 'tenant.account.updated',
        tenantId,
        actor: { type: 'user', id: `actor-${i % 2}` },
        requestId: `req-${i}`,
        metadata: i % 2 === 0 ? { scope: 'current' } : {},
      });
      ids.push(Number(row.id));
    }
    return ids;
  }

  it('pages newest first with a keyset cursor and per-user read state', async () => {
    const reader = newReader();
    const ids = await record(reader.tenantId, 5);
    const first = await listActivityFeed(db, reader, { limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([String(ids[4]), String(ids[3])]);
    expect(first.unread_count).toBe(5);
    expect(first.items[0]).not.toHaveProperty('ip_hash');
    const second = await listActivityFeed(db, reader, { limit: 2, cursor: first.next_cursor ?? '' });
    const third = await listActivityFeed(db, reader, { limit: 2, cursor: second.next_cursor ?? '' });
    expect([...second.items, ...third.items].map((item) => item.id)).toEqual(
      [ids[2], ids[1], ids[0]].map(String),
    );
    expect(third.next_cursor).toBeNull();

    expect(await receipts.markRead(reader, ids[4] ?? 0)).toBe(4);
    expect(await receipts.dismiss(reader, ids[3] ?? 0)).toBe(3);
    // Repeated marks are idempotent.
    expect(await receipts.markRead(reader, ids[4] ?? 0)).toBe(3);
    const states = (await listActivityFeed(db, reader, { limit: 3 })).items.map((item) => item.read_state);
    expect(states).toEqual(['read', 'dismissed', 'unread']);
    // Another user of the same tenant has their own receipts.
    const colleague = { ...newReader(reader.tenantId) };
    expect(await receipts.unreadCount(colleague)).toBe(5);

    expect(await receipts.markAllRead(reader)).toBe(0);
    await record(reader.tenantId, 1);
    const after = await listActivityFeed(db, reader, { limit: 10 });
    expect(after.unread_count).toBe(1);
    expect(after.items.map((item) => item.read_state)).toEqual([
      'unread',
      'read',
      'dismissed',
      'read',
      'read',
      'read',
    ]);
  });

  it('filters by action, actor, request id, status and time', async () => {
    const reader = newReader();
    const ids = await record(reader.tenantId, 4);
    const byAction = await listActivityFeed(db, reader, { limit: 10, action: 'auth.logout' });
    expect(byAction.items.map((item) => item.id)).toEqual([ids[2], ids[0]].map(String));
    const byActor = await listActivityFeed(db, reader, { limit: 10, actorId: 'actor-1' });
    expect(byActor.items.map((item) => item.id)).toEqual([ids[3], ids[1]].map(String));
    const byRequest = await listActivityFeed(db, reader, { limit: 10, requestId: 'req-2' });
    expect(byRequest.items.map((item) => item.id)).toEqual([String(ids[2])]);
    expect((await listActivityFeed(db, reader, { limit: 10, status: 'failure' })).items).toEqual([]);
    const all = await listActivityFeed(db, reader, { limit: 10 });
    const middle = all.items[2]?.created_at ?? '';
    const before = await listActivityFeed(db, reader, { limit: 10, createdBefore: new Date(middle) });
    expect(before.items.map((item) => item.id)).toEqual([String(ids[0])]);
    const since = await listActivityFeed(db, reader, { limit: 10, createdAfter: new Date(middle) });
    expect(since.items.map((item) => item.id)).toEqual([ids[3], ids[2]].map(String));
  });

  it("never lists nor marks another tenant's events", async () => {
    const a = newReader();
    const b = newReader();
    const [eventA] = await record(a.tenantId, 1);
    await record(b.tenantId, 2);
    expect((await listActivityFeed(db, a, { limit: 10 })).items.map((item) => item.id)).toEqual([
      String(eventA),
    ]);
    await expect(receipts.markRead(b, eventA ?? 0)).rejects.toMatchObject({ code: 'NotFound' });
    await expect(receipts.dismiss(b, eventA ?? 0)).rejects.toMatchObject({ code: 'NotFound' });
    expect(await receipts.unreadCount(a)).toBe(1);
  });

  it('refuses a cursor that does not decode', async () => {
    await expect(
      listActivityFeed(db, newReader(), { limit: 5, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({
      code: 'BadRequest',
    });
  });
});
