import type { TenantId } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';

interface FeedItem {
  id: string;
  action: string;
  tenant_id: string;
  read_state: string;
  request_id: string | null;
}
interface Feed {
  items: FeedItem[];
  next_cursor: string | null;
  unread_count: number;
}

describe('activity routes (spec §1.15)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let adminA: TestMember;
  let tokenA: string;
  let tokenB: string;
  let eventB: string;

  const record = async (tenantId: TenantId, requestId: string) =>
    String(
      (
        await deps.identity.activity.record({
          action: 'tenant.account.updated',
          tenantId,
          actor: { type: 'user', id: 'someone' },
          object: { type: 'tenant', id: tenantId },
          requestId,
        })
      ).id,
    );

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    adminA = await createMember(deps, { role: 'admin' });
    tokenA = await accessToken(app, adminA);
    const ownerB = await createMember(deps, { role: 'owner' });
    tokenB = await accessToken(app, ownerB);
    eventB = await record(ownerB.tenantId, 'req-b');
  });
  afterAll(async () => {
    await deps.dispose();
  });

  const call = (method: string, path: string, token = tokenA) =>
    send(app, method, `/api/v1/activity${path}`, { token, ...(method === 'post' ? { body: {} } : {}) });
  const body = async <T>(response: Response, status = 200): Promise<T> => {
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as T;
  };

  it("pages the tenant's events newest first with read state, unread count and filters", async () => {
    const ids = [await record(adminA.tenantId, 'req-1'), await record(adminA.tenantId, 'req-2')];
    const feed = await body<Feed>(await call('get', '?limit=200'));
    // The admin's own login is in the feed too.
    expect(feed.items.map((item) => item.action)).toContain('auth.login.success');
    expect(feed.items.slice(0, 2).map((item) => item.id)).toEqual([ids[1], ids[0]]);
    expect(feed.items.every((item) => item.tenant_id === adminA.tenantId)).toBe(true);
    expect(feed.items.every((item) => item.read_state === 'unread')).toBe(true);
    expect(feed.unread_count).toBe(feed.items.length);
    expect(feed.items.map((item) => item.id)).not.toContain(eventB);

    const page = await body<Feed>(await call('get', '?limit=1'));
    const next = await body<Feed>(await call('get', `?limit=1&cursor=${page.next_cursor}`));
    expect([page.items[0]?.id, next.items[0]?.id]).toEqual([ids[1], ids[0]]);

    const filtered = await body<Feed>(await call('get', '?request_id=req-1&action=tenant.account.updated'));
    expect(filtered.items.map((item) => item.id)).toEqual([ids[0]]);
    const future = await body<Feed>(await call('get', '?created_after=2999-01-01T00:00:00Z'));
    expect(future.items).toEqual([]);
    const byObject = await body<Feed>(await call('get', `?object_type=tenant&object_id=${adminA.tenantId}`));
    expect(byObject.items.map((item) => item.id)).toEqual([ids[1], ids[0]]);
  });

  it('answers 422 for bad query values and 400 for a bad cursor', async () => {
    for (const query of ['?limit=0', '?limit=201', '?status=maybe', '?created_before=yesterday']) {
      const envelope = await body<{ error: string }>(await call('get', query), 422);
      expect({ query, error: envelope.error }).toEqual({ query, error: 'ValidationError' });
    }
    expect(await body(await call('get', '?cursor=nope'), 400)).toMatchObject({ error: 'BadRequest' });
  });

  it('marks one event read, dismisses another, and marks all read', async () => {
    const [first, second] = [await record(adminA.tenantId, 'r-a'), await record(adminA.tenantId, 'r-b')];
    const before = (await body<Feed>(await call('get', ''))).unread_count;
    expect(await body(await call('post', `/${first}/read`))).toEqual({ unread_count: before - 1 });
    expect(await body(await call('post', `/${second}/dismiss`))).toEqual({ unread_count: before - 2 });
    const states = (await body<Feed>(await call('get', '?limit=2'))).items.map((item) => item.read_state);
    expect(states).toEqual(['dismissed', 'read']);
    expect(await body(await call('post', '/mark-all-read'))).toEqual({ unread_count: 0 });
    expect((await body<Feed>(await call('get', ''))).unread_count).toBe(0);
  });

  it("never reads, marks or dismisses another tenant's event (404), nor a malformed id (422)", async () => {
    expect(await body(await call('post', `/${eventB}/read`), 404)).toMatchObject({ error: 'NotFound' });
    expect(await body(await call('post', `/${eventB}/dismiss`), 404)).toMatchObject({ error: 'NotFound' });
    expect(await body(await call('post', '/999999999/read'), 404)).toMatchObject({ error: 'NotFound' });
    expect(await body(await call('post', '/abc/read'), 422)).toMatchObject({ error: 'ValidationError' });
    const theirs = await body<Feed>(await call('get', '', tokenB));
    expect(theirs.items.find((item) => item.id === eventB)?.read_state).toBe('unread');
    expect(theirs.items.every((item) => item.tenant_id !== adminA.tenantId)).toBe(true);
  });

  it('needs activity:read: a member is refused', async () => {
    const member = await createMember(deps, { role: 'member', tenantId: adminA.tenantId });
    const memberToken = await accessToken(app, member);
    for (const [method, path] of [
      ['get', ''],
      ['get', '/stream'],
      ['post', '/mark-all-read'],
    ] as const) {
      const response = await call(method, path, memberToken);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
    }
    expect((await send(app, 'get', '/api/v1/activity')).status).toBe(401);
  });

  it('answers 503 on the stream when ENABLE_ACTIVITY_STREAM is off', async () => {
    expect(await body(await call('get', '/stream'), 503)).toMatchObject({
      success: false,
      error: 'ServiceUnavailable',
    });
  });
});
