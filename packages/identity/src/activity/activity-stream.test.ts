import { randomUUID } from 'node:crypto';
import { asId, type KeyValueStore } from '@starter/contracts';
import { createMemoryKeyValueStore } from '@starter/providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCapturingLogger,
  createIdentityTestContext,
  createTestKeyValueStore,
  type IdentityTestContext,
} from '../test-support/identity-test-context.js';
import { createActivityRecorder } from './activity-recorder.js';
import { activityStreamKey, createActivityStreamPublisher } from './activity-stream.js';

// The in-process store always; Redis too when REDIS_URL is set (createTestKeyValueStore picks it).
const stores: [string, () => KeyValueStore][] = [
  ['in-process', () => createMemoryKeyValueStore()],
  ['test profile', () => createTestKeyValueStore(`test:activity-stream:${randomUUID()}:`)],
];

describe('activity stream', { timeout: 60_000 }, () => {
  let ctx: IdentityTestContext;
  beforeAll(async () => {
    ctx = await createIdentityTestContext();
  }, 120_000);
  afterAll(async () => {
    await ctx?.dispose();
  }, 60_000);

  describe.each(stores)('on the %s key-value store', (_name, createStore) => {
    let kv: KeyValueStore;
    beforeAll(() => {
      kv = createStore();
    });
    afterAll(async () => {
      await kv.close();
    });

    it('publishes each recorded row to its tenant stream, without the IP hash and user agent', async () => {
      const activity = createActivityRecorder({
        db: ctx.db,
        clock: ctx.clock,
        ipHashSalt: 'salt',
        stream: createActivityStreamPublisher({ kv }),
      });
      const tenantId = asId<'TenantId'>(randomUUID());
      const row = await activity.record({
        action: 'tenant.account.updated',
        tenantId,
        actor: { type: 'user', id: 'u-1' },
        origin: { ip: '203.0.113.7', userAgent: 'vitest', requestId: 'req-42' },
        metadata: { fields: ['name'] },
      });
      const entries = await kv.readStream(activityStreamKey(tenantId));
      expect(entries).toHaveLength(1);
      const event = JSON.parse(entries[0]?.fields.event ?? '{}') as Record<string, unknown>;
      expect(event).toMatchObject({
        id: String(row.id),
        tenant_id: tenantId,
        action: 'tenant.account.updated',
        request_id: 'req-42',
        metadata: { fields: ['name'] },
        created_at: row.created_at.toISOString(),
      });
      expect(event).not.toHaveProperty('ip_hash');
      expect(event).not.toHaveProperty('user_agent');
    });

    it('sends platform-level events to the platform stream', async () => {
      const activity = createActivityRecorder({
        db: ctx.db,
        clock: ctx.clock,
        ipHashSalt: 'salt',
        stream: createActivityStreamPublisher({ kv }),
      });
      const before = (await kv.readStream(activityStreamKey(null))).length;
      await activity.record({
        action: 'auth.service_account.revoked',
        tenantId: null,
        actor: { type: 'operator', id: 'op' },
        metadata: { account: 'billing-worker', reason: 'test' },
      });
      expect(await kv.readStream(activityStreamKey(null))).toHaveLength(before + 1);
    });
  });

  it('keeps the row and logs when the stream append fails', async () => {
    const lines: string[] = [];
    const broken = {
      appendToStream: async () => {
        throw new Error('kv down');
      },
    };
    const activity = createActivityRecorder({
      db: ctx.db,
      clock: ctx.clock,
      ipHashSalt: 'salt',
      stream: createActivityStreamPublisher({ kv: broken, logger: createCapturingLogger(lines) }),
    });
    const tenantId = asId<'TenantId'>(randomUUID());
    await activity.record({ action: 'tenant.account.updated', tenantId, actor: { type: 'user' } });
    const rows = await ctx.db
      .selectFrom('activity_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(lines.join('\n')).toContain('activity.stream_failed');
  });

  it('publishes nothing without a publisher (ENABLE_ACTIVITY_STREAM off)', async () => {
    const kv = createMemoryKeyValueStore();
    const activity = createActivityRecorder({ db: ctx.db, clock: ctx.clock, ipHashSalt: 'salt' });
    const tenantId = asId<'TenantId'>(randomUUID());
    await activity.record({ action: 'tenant.account.updated', tenantId, actor: { type: 'user' } });
    expect(await kv.readStream(activityStreamKey(tenantId))).toEqual([]);
    await kv.close();
  });
});
