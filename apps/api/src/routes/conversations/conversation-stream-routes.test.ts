import { randomUUID } from 'node:crypto';
import { createKyselyLedgerStore, type KyselyConversationStore } from '@starter/agent-runtime';
import { decodeCursor, encodeCursor, type PublicSseEvent } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';
import { conversationAppWith, seedConversation, testStore } from './conversation-test-support.js';
import type { ConversationLedger } from './ledger-store-for.js';

const BASE = '/api/v1/conversations';

function frame(conversationId: string, eventId: number): PublicSseEvent {
  return {
    schema: 'public_sse_v1',
    event_id: eventId,
    stream_id: 'chat_0123',
    server_timestamp: '2030-01-01T00:00:00.000Z',
    kind: 'lifecycle',
    conversation_id: conversationId,
    response_id: null,
    agent: 'triage',
    workflow: null,
    status: 'in_progress',
  } as PublicSseEvent;
}

/** A recording in-memory ledger with the real cursor behaviour (base64url JSON, 400 when foreign). */
function fakeLedger(framesByConversation: Map<string, PublicSseEvent[]>) {
  const calls: string[] = [];
  const ledger: ConversationLedger = {
    async conversationFrames(_scope, conversationId, { limit, cursor }) {
      const after =
        cursor === undefined ? 0 : decodeCursor(cursor, z.strictObject({ id: z.number().int() })).id;
      const all = (framesByConversation.get(conversationId) ?? []).map((f, index) => ({
        rowId: index + 1,
        frame: f,
      }));
      const rest = all.filter((entry) => entry.rowId > after);
      const items = rest.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rest.length > limit && last ? encodeCursor({ id: last.rowId }) : null };
    },
    async flush() {
      calls.push('flush');
    },
    withTransaction: () => ({
      async truncate(_scope, conversationId, position) {
        calls.push(`truncate ${conversationId} ${position}`);
      },
      async deleteConversation(_scope, conversationId) {
        calls.push(`delete ${conversationId}`);
        return async () => {
          calls.push(`delete objects ${conversationId}`);
        };
      },
    }),
  };
  return { ledger, calls };
}

describe('conversation streams, ledger replay and deletion (spec §1.12, §2.7)', { timeout: 60_000 }, () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let store: KyselyConversationStore;
  let owner: TestMember;
  let token: string;
  let memberToken: string;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    store = testStore(deps);
    owner = await createMember(deps, { role: 'owner' });
    token = await accessToken(app, owner);
    memberToken = await accessToken(
      app,
      await createMember(deps, { role: 'member', tenantId: owner.tenantId }),
    );
  }, 120_000);
  afterAll(async () => {
    await deps?.dispose();
  });

  it('streams an existing title as one frame, then [DONE]', async () => {
    const id = await seedConversation(store, owner.tenantId, [['hi', 'hello']]);
    await store.setTitle({ tenantId: owner.tenantId }, id, 'Greeting', false);
    const response = await send(app, 'get', `${BASE}/${id}/stream`, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toBe('data: Greeting\n\ndata: [DONE]\n\n');
  });

  it('generates a title from the first user message in chunks and stores it', async () => {
    const id = await seedConversation(store, owner.tenantId, [['Plan a trip to Lisbon', 'Sure']]);
    const response = await send(app, 'get', `${BASE}/${id}/stream`, { token });
    const text = await response.text();
    const frames = text.split('\n\n').filter((part) => part !== '');
    expect(frames.length).toBeGreaterThan(2);
    expect(frames.at(-1)).toBe('data: [DONE]');
    const streamed = frames
      .slice(0, -1)
      .map((part) => part.replace(/^data: /, ''))
      .join('');
    const stored = await store.get({ tenantId: owner.tenantId }, id);
    expect(stored?.title).toBe(streamed.trim());
    expect(stored?.title).toContain('Plan a trip');
    expect(stored?.titleGeneratedAt).toBeInstanceOf(Date);
  });

  it('answers 404 before streaming when there is no conversation or no user message', async () => {
    const empty = await seedConversation(store, owner.tenantId, []);
    const noUser = await send(app, 'get', `${BASE}/${empty}/stream`, { token });
    expect(noUser.status).toBe(404);
    expect(await noUser.json()).toMatchObject({ success: false, error: 'NotFound' });
    expect((await send(app, 'get', `${BASE}/${randomUUID()}/stream`, { token })).status).toBe(404);
  });

  it('pages ledger frames and replays them as SSE with ids; 400 for a bad cursor', async () => {
    const id = await seedConversation(store, owner.tenantId, [['q', 'a']]);
    const frames = [1, 2, 3].map((eventId) => frame(id, eventId));
    const { ledger } = fakeLedger(new Map([[id, frames]]));
    const ledgerApp = conversationAppWith(deps, { ledger });

    const page = await send(ledgerApp, 'get', `${BASE}/${id}/ledger/events?limit=2`, { token });
    expect(page.status).toBe(200);
    const body = (await page.json()) as {
      conversation_id: string;
      items: PublicSseEvent[];
      next_cursor: string;
    };
    expect(body.conversation_id).toBe(id);
    expect(body.items.map((item) => item.event_id)).toEqual([1, 2]);
    const next = await send(ledgerApp, 'get', `${BASE}/${id}/ledger/events?cursor=${body.next_cursor}`, {
      token,
    });
    expect(await next.json()).toMatchObject({ items: [{ event_id: 3 }], next_cursor: null });
    expect((await send(ledgerApp, 'get', `${BASE}/${id}/ledger/events?limit=1001`, { token })).status).toBe(
      422,
    );

    const replay = await send(ledgerApp, 'get', `${BASE}/${id}/ledger/stream`, { token });
    expect(replay.headers.get('content-type')).toContain('text/event-stream');
    expect(await replay.text()).toBe(
      frames.map((f) => `id: ${f.event_id}\ndata: ${JSON.stringify(f)}\n\n`).join(''),
    );
    const after = await send(ledgerApp, 'get', `${BASE}/${id}/ledger/stream?cursor=${body.next_cursor}`, {
      token,
    });
    expect(await after.text()).toBe(`id: 3\ndata: ${JSON.stringify(frames[2])}\n\n`);

    for (const path of ['events', 'stream']) {
      const bad = await send(ledgerApp, 'get', `${BASE}/${id}/ledger/${path}?cursor=garbage`, { token });
      expect({ path, status: bad.status }).toEqual({ path, status: 400 });
      const missing = await send(ledgerApp, 'get', `${BASE}/${randomUUID()}/ledger/${path}`, { token });
      expect({ path, status: missing.status }).toEqual({ path, status: 404 });
    }
  });

  it('truncation hides the removed turns in the ledger', async () => {
    const id = await seedConversation(store, owner.tenantId, [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const { ledger, calls } = fakeLedger(new Map());
    const ledgerApp = conversationAppWith(deps, { ledger });
    const { items } = await store.messages({ tenantId: owner.tenantId }, id, { limit: 10, direction: 'asc' });
    const response = await send(ledgerApp, 'delete', `${BASE}/${id}/messages/${items[2]?.id}`, { token });
    expect(response.status).toBe(200);
    expect(calls).toEqual(['flush', `truncate ${id} 3`]);
  });

  it('deletes a conversation (admin, conversations:delete): 204, everything gone, activity recorded', async () => {
    const id = await seedConversation(store, owner.tenantId, [['bye', 'ok']]);
    await store.setTitle({ tenantId: owner.tenantId }, id, 'Farewell', false);
    const { ledger, calls } = fakeLedger(new Map([[id, [frame(id, 1)]]]));
    const ledgerApp = conversationAppWith(deps, { ledger });

    expect((await send(ledgerApp, 'delete', `${BASE}/${id}`, { token: memberToken })).status).toBe(403);
    const deleted = await send(ledgerApp, 'delete', `${BASE}/${id}`, { token });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect(calls).toEqual(['flush', `delete ${id}`, `delete objects ${id}`]);
    expect(await store.get({ tenantId: owner.tenantId }, id)).toBeNull();
    expect((await send(ledgerApp, 'delete', `${BASE}/${id}`, { token })).status).toBe(404);

    const activity = await deps.identity.db
      .selectFrom('activity_events')
      .select(['action', 'object_type', 'object_id', 'object_name', 'actor_id'])
      .where('tenant_id', '=', owner.tenantId)
      .where('action', '=', 'conversation.cleared')
      .execute();
    expect(activity).toEqual([
      {
        action: 'conversation.cleared',
        object_type: 'conversation',
        object_id: id,
        object_name: 'Farewell',
        actor_id: owner.userId,
      },
    ]);
  });

  it('on the real ledger: deleting a user message hides its turn and later ones from the replay', async () => {
    const tenantId = owner.tenantId;
    const id = await seedConversation(store, tenantId, [
      ['first', 'one'],
      ['second', 'two'],
    ]);
    const ledger = createKyselyLedgerStore(deps.agents.db, { storage: deps.storage });
    const turn = (streamId: string, position: number, eventIds: number[]) =>
      eventIds.map((eventId) =>
        ledger.append(
          { tenantId, conversationId: id, messagePosition: position },
          { ...frame(id, eventId), stream_id: streamId },
        ),
      );
    await Promise.all([...turn('chat_a', 1, [1, 2]), ...turn('chat_b', 3, [1, 2])]);
    await ledger.close();
    const streams = async () => {
      const page = await send(app, 'get', `${BASE}/${id}/ledger/events`, { token });
      const body = (await page.json()) as { items: PublicSseEvent[] };
      return body.items.map((item) => `${item.stream_id}:${item.event_id}`);
    };
    expect(await streams()).toEqual(['chat_a:1', 'chat_a:2', 'chat_b:1', 'chat_b:2']);

    const { items } = await store.messages({ tenantId }, id, { limit: 10, direction: 'asc' });
    const deleted = await send(app, 'delete', `${BASE}/${id}/messages/${items[2]?.id}`, { token });
    expect(deleted.status).toBe(200);
    expect(await streams()).toEqual(['chat_a:1', 'chat_a:2']);
    const replay = await send(app, 'get', `${BASE}/${id}/ledger/stream`, { token });
    expect((await replay.text()).match(/^id: \d+$/gm)).toEqual(['id: 1', 'id: 2']);

    expect((await send(app, 'delete', `${BASE}/${id}`, { token })).status).toBe(204);
    expect((await send(app, 'get', `${BASE}/${id}/ledger/events`, { token })).status).toBe(404);
  });
});
