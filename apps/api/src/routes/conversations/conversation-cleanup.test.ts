import {
  createKyselyLedgerStore,
  createKyselySessionStore,
  createKyselySummaryStore,
  type KyselyConversationStore,
} from '@starter/agent-runtime';
import { asId, type PublicSseEvent } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';
import type { CleanupStores } from './conversation-cleanup-transaction.js';
import { conversationAppWith, seedConversation, testStore } from './conversation-test-support.js';

const BASE = '/api/v1/conversations';
const boom = () => {
  throw new Error('injected failure');
};

/** Each variant fails one step that runs after the messages were already truncated or deleted. */
const failing: Record<string, (stores: CleanupStores) => CleanupStores> = {
  summaries: (stores) => ({ ...stores, summaries: { ...stores.summaries, clear: async () => boom() } }),
  ledger: (stores) => ({
    ...stores,
    ledger: { truncate: async () => boom(), deleteConversation: async () => boom() },
  }),
  sessions: (stores) => ({
    ...stores,
    sessions: {
      session: (scope) => ({
        ...stores.sessions.session(scope),
        replaceItems: async () => boom(),
        clearSession: async () => boom(),
      }),
    },
  }),
};

function frame(conversationId: string, streamId: string): PublicSseEvent {
  return {
    schema: 'public_sse_v1',
    event_id: 1,
    stream_id: streamId,
    server_timestamp: '2030-01-01T00:00:00.000Z',
    kind: 'lifecycle',
    conversation_id: conversationId,
    response_id: null,
    agent: 'triage',
    workflow: null,
    status: 'in_progress',
  } as PublicSseEvent;
}

// Regression: truncation and clearing used to commit the transcript, ledger, session and summaries one
// by one, so a failing later step left a half-cleaned conversation behind a 500 (or a 200/204).
describe('conversation cleanup is one transaction (spec §1.12, §13.3)', { timeout: 60_000 }, () => {
  let deps: TestDependencies;
  let store: KyselyConversationStore;
  let owner: TestMember;
  let token: string;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    store = testStore(deps);
    owner = await createMember(deps, { role: 'owner' });
    token = await accessToken(createApp(deps), owner);
  }, 120_000);
  afterAll(async () => {
    await deps?.dispose();
  });

  /** A conversation with two turns, ledger frames of both (spilled to storage), session items, a summary. */
  async function seeded() {
    const tenantId = asId<'TenantId'>(owner.tenantId);
    const id = await seedConversation(store, tenantId, [
      ['first', 'one'],
      ['second', 'two'],
    ]);
    const ledger = createKyselyLedgerStore(deps.agents.db, { storage: deps.storage, maxInlineBytes: 0 });
    await ledger.append({ tenantId, conversationId: id, messagePosition: 1 }, frame(id, 'chat_a'));
    await ledger.append({ tenantId, conversationId: id, messagePosition: 3 }, frame(id, 'chat_b'));
    await ledger.close();
    const session = createKyselySessionStore(deps.agents.db).session({ tenantId, sessionId: id });
    await session.addItems([{ type: 'message', role: 'user', content: 'remembered' }]);
    const summaries = createKyselySummaryStore(deps.agents.db);
    const summaryScope = { tenantId, conversationId: asId<'ConversationId'>(id), agentKey: 'triage' };
    await summaries.save(summaryScope, { text: 'they said second' });

    const state = async () => ({
      messages: (await store.messages({ tenantId }, id, { limit: 10, direction: 'asc' })).items.map(
        (message) => message.content,
      ),
      frames: (
        await createKyselyLedgerStore(deps.agents.db, { storage: deps.storage }).conversationFrames(
          { tenantId },
          id,
          { limit: 10 },
        )
      ).items.map((entry) => entry.frame.stream_id),
      objects: (await deps.storage.list(`ledger/${tenantId}/${id}/`)).length,
      session: await session.getItems(),
      summary: (await summaries.latest(summaryScope))?.summaryText ?? null,
    });
    const before = {
      messages: ['first', 'one', 'second', 'two'],
      frames: ['chat_a', 'chat_b'],
      objects: 2,
      session: [{ type: 'message', role: 'user', content: 'remembered' }],
      summary: 'they said second',
    };
    expect(await state()).toEqual(before);
    const { items } = await store.messages({ tenantId }, id, { limit: 10, direction: 'asc' });
    return { id, secondUser: items[2]?.id ?? '', state, before };
  }

  for (const [step, stores] of Object.entries(failing)) {
    it(`a failing ${step} step rolls the truncation back and answers 500`, async () => {
      const { id, secondUser, state, before } = await seeded();
      const broken = conversationAppWith(deps, { stores });
      const response = await send(broken, 'delete', `${BASE}/${id}/messages/${secondUser}`, { token });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ success: false, error: 'InternalServerError' });
      expect(await state()).toEqual(before);

      // Nothing is left locked or half-done: the same request succeeds on working stores.
      const working = conversationAppWith(deps, {});
      const retried = await send(working, 'delete', `${BASE}/${id}/messages/${secondUser}`, { token });
      expect(retried.status).toBe(200);
      expect(await state()).toMatchObject({
        messages: ['first', 'one'],
        frames: ['chat_a'],
        session: [{ role: 'user', content: 'first' }, { role: 'assistant' }],
        summary: null,
      });
    });

    it(`a failing ${step} step rolls the clear back (objects kept) and answers 500`, async () => {
      const { id, state, before } = await seeded();
      const broken = conversationAppWith(deps, { stores });
      const response = await send(broken, 'delete', `${BASE}/${id}`, { token });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ success: false, error: 'InternalServerError' });
      expect(await state()).toEqual(before);
      expect(await store.get({ tenantId: owner.tenantId }, id)).not.toBeNull();

      const working = conversationAppWith(deps, {});
      expect((await send(working, 'delete', `${BASE}/${id}`, { token })).status).toBe(204);
      expect(await state()).toEqual({ messages: [], frames: [], objects: 0, session: [], summary: null });
      expect(await store.get({ tenantId: owner.tenantId }, id)).toBeNull();
    });
  }
});
