import { randomUUID } from 'node:crypto';
import {
  createKyselySessionStore,
  createKyselySummaryStore,
  type KyselyConversationStore,
} from '@starter/agent-runtime';
import { asId, encodeCursor } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';
import { seedConversation, testStore } from './conversation-test-support.js';

const BASE = '/api/v1/conversations';

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
type Conversation = { conversation_id: string; title: string | null; message_count: number };
type Message = { id: string; position: number; role: string; content: string };

describe('conversation routes (spec §1.12)', { timeout: 60_000 }, () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let store: KyselyConversationStore;
  let owner: TestMember;
  let token: string;
  let memberToken: string;
  let viewerToken: string;
  let tokenB: string;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    store = testStore(deps);
    owner = await createMember(deps, { role: 'owner' });
    token = await accessToken(app, owner);
    const member = await createMember(deps, { role: 'member', tenantId: owner.tenantId });
    memberToken = await accessToken(app, member);
    const viewer = await createMember(deps, { role: 'viewer', tenantId: owner.tenantId });
    viewerToken = await accessToken(app, viewer);
    tokenB = await accessToken(app, await createMember(deps, { role: 'owner' }));
  }, 120_000);
  afterAll(async () => {
    await deps?.dispose();
  });

  const get = async <T>(path: string, as = token) => {
    const response = await send(app, 'get', path, { token: as });
    return { status: response.status, body: (await response.json()) as T };
  };

  it('lists the tenant conversations newest first, pages them and filters by agent', async () => {
    const member = await createMember(deps, { role: 'owner' });
    const ownToken = await accessToken(app, member);
    const first = await seedConversation(store, member.tenantId, [['one', 'a']]);
    const second = await seedConversation(store, member.tenantId, [['two', 'b']], 'researcher');
    const third = await seedConversation(store, member.tenantId, [['three', 'c']]);

    const page1 = await get<Page<Conversation>>(`${BASE}?limit=2`, ownToken);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((item) => item.conversation_id)).toEqual([third, second]);
    expect(page1.body.items[0]).toMatchObject({ message_count: 2, last_message_preview: 'c', title: null });
    const page2 = await get<Page<Conversation>>(
      `${BASE}?limit=2&cursor=${page1.body.next_cursor ?? ''}`,
      ownToken,
    );
    expect(page2.body).toMatchObject({ items: [{ conversation_id: first }], next_cursor: null });
    const researcher = await get<Page<Conversation>>(`${BASE}?agent=researcher`, ownToken);
    expect(researcher.body.items.map((item) => item.conversation_id)).toEqual([second]);
  });

  it('answers a bad cursor with 400 and bad limits with 422', async () => {
    const garbled = await get<{ error: string }>(`${BASE}?cursor=not-a-cursor`);
    expect(garbled).toMatchObject({ status: 400, body: { success: false, error: 'BadRequest' } });
    const foreign = encodeCursor({ k: 'messages', d: 'asc', p: 1 });
    expect((await get(`${BASE}?cursor=${foreign}`)).status).toBe(400);
    expect((await get(`${BASE}/search?q=x&cursor=${foreign}`)).status).toBe(400);
    for (const query of ['limit=0', 'limit=101', 'limit=abc']) {
      const response = await get<{ error: string }>(`${BASE}?${query}`);
      expect(response).toMatchObject({ status: 422, body: { error: 'ValidationError' } });
    }
    expect((await get(`${BASE}/search?q=x&limit=51`)).status).toBe(422);
  });

  it('searches titles and messages; q is required', async () => {
    const id = await seedConversation(store, owner.tenantId, [['How do zebras sleep?', 'Standing up.']]);
    const found = await get<Page<Conversation & { snippet: string }>>(`${BASE}/search?q=zebra`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((item) => item.conversation_id)).toEqual([id]);
    expect(found.body.items[0]?.snippet).toContain('<b>zebras</b>');
    expect((await get(`${BASE}/search`)).status).toBe(422);
    expect((await get(`${BASE}/search?q=%20%20`)).status).toBe(422);
    const other = await get<Page<Conversation>>(`${BASE}/search?q=zebra`, tokenB);
    expect(other.body.items).toEqual([]);
  });

  it('returns the history with messages, 404 for unknown ids and 422 for malformed ones', async () => {
    const id = await seedConversation(store, owner.tenantId, [
      ['hello', 'hi'],
      ['again', 'sure'],
    ]);
    const history = await get<Conversation & { messages: Message[]; messages_truncated: boolean }>(
      `${BASE}/${id}`,
    );
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ conversation_id: id, message_count: 4, messages_truncated: false });
    expect(history.body.messages.map((message) => message.content)).toEqual(['hello', 'hi', 'again', 'sure']);
    expect(history.body.messages[1]).toMatchObject({ role: 'assistant', run_id: 'run_0', agent: 'triage' });
    expect((await get(`${BASE}/${randomUUID()}`)).status).toBe(404);
    expect((await get(`${BASE}/not-a-uuid`)).status).toBe(422);
  });

  it('pages messages in either direction', async () => {
    const id = await seedConversation(store, owner.tenantId, [
      ['1', '2'],
      ['3', '4'],
    ]);
    const desc = await get<Page<Message>>(`${BASE}/${id}/messages?direction=desc&limit=3`);
    expect(desc.body.items.map((message) => message.content)).toEqual(['4', '3', '2']);
    const rest = await get<Page<Message>>(
      `${BASE}/${id}/messages?direction=desc&limit=3&cursor=${desc.body.next_cursor ?? ''}`,
    );
    expect(rest.body).toMatchObject({ items: [{ content: '1' }], next_cursor: null });
    const wrongDirection = await get(`${BASE}/${id}/messages?direction=asc&cursor=${desc.body.next_cursor}`);
    expect(wrongDirection.status).toBe(400);
    expect((await get(`${BASE}/${id}/messages?direction=sideways`)).status).toBe(422);
    expect((await get(`${BASE}/${randomUUID()}/messages`)).status).toBe(404);
  });

  it('deletes a user message: truncates, rebuilds the SDK session, clears summaries; 409 and 404', async () => {
    const tenantId = asId<'TenantId'>(owner.tenantId);
    const id = await seedConversation(store, owner.tenantId, [
      ['first', 'one'],
      ['second', 'two'],
    ]);
    const session = createKyselySessionStore(deps.agents.db).session({ tenantId, sessionId: id });
    await session.addItems([{ type: 'message', role: 'user', content: 'stale' }]);
    const summaries = createKyselySummaryStore(deps.agents.db);
    await summaries.save(
      { tenantId, conversationId: asId<'ConversationId'>(id), agentKey: 'triage' },
      { text: 'they said second' },
    );
    const { items } = (await get<Page<Message>>(`${BASE}/${id}/messages`)).body;
    const [, assistant, secondUser] = items;
    if (assistant === undefined || secondUser === undefined) throw new Error('seed failed');

    const conflict = await send(app, 'delete', `${BASE}/${id}/messages/${assistant.id}`, { token });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ success: false, error: 'Conflict' });
    const missing = await send(app, 'delete', `${BASE}/${id}/messages/${randomUUID()}`, { token });
    expect(missing.status).toBe(404);
    const foreign = await send(app, 'delete', `${BASE}/${id}/messages/${secondUser.id}`, { token: tokenB });
    expect(foreign.status).toBe(404);

    const deleted = await send(app, 'delete', `${BASE}/${id}/messages/${secondUser.id}`, {
      token: memberToken,
    });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({
      conversation_id: id,
      deleted_message_id: secondUser.id,
      truncated_from_position: 3,
    });
    const left = await get<Page<Message>>(`${BASE}/${id}/messages`);
    expect(left.body.items.map((message) => message.content)).toEqual(['first', 'one']);
    const sessionItems = await session.getItems();
    expect(sessionItems).toHaveLength(2);
    expect(sessionItems[0]).toMatchObject({ role: 'user', content: 'first' });
    expect(sessionItems[1]).toMatchObject({
      role: 'assistant',
      content: [{ type: 'output_text', text: 'one' }],
    });
    expect(await summaries.clear({ tenantId, conversationId: asId<'ConversationId'>(id) })).toBe(0);

    const viewer = await send(app, 'delete', `${BASE}/${id}/messages/${items[0]?.id}`, {
      token: viewerToken,
    });
    expect(viewer.status).toBe(403);
  });

  it('patches memory defaults (admin only): given fields change, null clears, bad bodies are 422', async () => {
    const id = await seedConversation(store, owner.tenantId, []);
    const patch = (body: unknown, as = token) =>
      send(app, 'patch', `${BASE}/${id}/memory`, { token: as, body });
    const first = await patch({
      mode: 'compact',
      compact_keep: 2,
      clear_tool_inputs: true,
      memory_injection: true,
    });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { memory: unknown }).memory).toEqual({
      mode: 'compact',
      max_user_turns: null,
      keep_last_turns: null,
      compact_trigger_turns: null,
      compact_keep: 2,
      clear_tool_inputs: true,
      memory_injection: true,
    });
    const second = await patch({ compact_keep: null, max_user_turns: 8 });
    expect(((await second.json()) as { memory: unknown }).memory).toMatchObject({
      mode: 'compact',
      max_user_turns: 8,
      compact_keep: null,
      clear_tool_inputs: true,
      memory_injection: true,
    });
    for (const body of [{ max_user_turns: 0 }, { mode: 'forget' }, { unknown_field: 1 }, [1]]) {
      const response = await patch(body);
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
    }
    // A body that is not JSON at all is the app's 400, never a 500.
    expect((await patch('{not json')).status).toBe(400);
    expect((await patch({ mode: 'trim' }, memberToken)).status).toBe(403);
    expect((await send(app, 'patch', `${BASE}/${randomUUID()}/memory`, { token, body: {} })).status).toBe(
      404,
    );
    expect((await patch({ mode: 'trim' }, tokenB)).status).toBe(404);
  });

  it('sets a manual title; 422 for an empty one, 403 for a viewer, 404 elsewhere', async () => {
    const id = await seedConversation(store, owner.tenantId, [['hi', 'hello']]);
    const response = await send(app, 'patch', `${BASE}/${id}/title`, {
      token: memberToken,
      body: { title: ' Trip ' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      conversation_id: id,
      title: 'Trip',
      title_generated_at: null,
    });
    expect((await send(app, 'patch', `${BASE}/${id}/title`, { token, body: { title: '  ' } })).status).toBe(
      422,
    );
    expect(
      (await send(app, 'patch', `${BASE}/${id}/title`, { token: viewerToken, body: { title: 'x' } })).status,
    ).toBe(403);
    expect(
      (await send(app, 'patch', `${BASE}/${id}/title`, { token: tokenB, body: { title: 'x' } })).status,
    ).toBe(404);
  });

  it('returns the run-event log, optionally for one workflow run', async () => {
    const id = await seedConversation(store, owner.tenantId, [['q', 'a']]);
    await store.appendRunEvents({ tenantId: owner.tenantId }, id, [
      { runId: 'run_0', itemType: 'tool_call_item', toolName: 'get_current_time', arguments: '{}' },
      { runId: 'run_0', itemType: 'message_output_item', content: 'a', workflowRunId: 'wf_1' },
    ]);
    const all = await get<
      Page<{ run_item_type: string; call_arguments: string | null }> & { conversation_id: string }
    >(`${BASE}/${id}/events?limit=1`);
    expect(all.body).toMatchObject({
      conversation_id: id,
      items: [{ run_item_type: 'tool_call_item', call_arguments: '{}', sequence_no: 1 }],
    });
    expect(all.body.next_cursor).not.toBeNull();
    const workflow = await get<Page<{ content: string }>>(`${BASE}/${id}/events?workflow_run_id=wf_1`);
    expect(workflow.body.items.map((item) => item.content)).toEqual(['a']);
    expect((await get(`${BASE}/${id}/events?cursor=zzz`)).status).toBe(400);
    expect((await get(`${BASE}/${id}/events`, tokenB)).status).toBe(404);
  });

  it("hides tenant A's conversation from tenant B on every route", async () => {
    const id = await seedConversation(store, owner.tenantId, [['secret', 'reply']]);
    const { items } = (await get<Page<Message>>(`${BASE}/${id}/messages`)).body;
    const paths = ['', '/messages', '/events', '/stream', '/ledger/events', '/ledger/stream'];
    for (const suffix of paths) {
      const response = await send(app, 'get', `${BASE}/${id}${suffix}`, { token: tokenB });
      expect({ suffix, status: response.status }).toEqual({ suffix, status: 404 });
    }
    const writes: [string, string, unknown][] = [
      ['delete', `${BASE}/${id}/messages/${items[0]?.id}`, undefined],
      ['patch', `${BASE}/${id}/title`, { title: 'B was here' }],
      ['patch', `${BASE}/${id}/memory`, { mode: 'none' }],
      ['delete', `${BASE}/${id}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const response = await send(app, method, path, {
        token: tokenB,
        ...(body === undefined ? {} : { body }),
      });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    const list = await get<Page<Conversation>>(BASE, tokenB);
    expect(list.body.items.map((item) => item.conversation_id)).not.toContain(id);
    const still = await get<Conversation & { messages: Message[] }>(`${BASE}/${id}`);
    expect(still.body).toMatchObject({ title: null, message_count: 2 });
  });
});
