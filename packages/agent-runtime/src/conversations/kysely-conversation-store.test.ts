import { randomUUID } from 'node:crypto';
import { encodeCursor } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import { agentRuntimeMigrations } from '../migrations/index.js';
import type { TenantScope } from './conversation-store.js';
import { createKyselyConversationStore, type KyselyConversationStore } from './kysely-conversation-store.js';

// One database for the whole file: PGlite start-up is slow. Each test uses fresh tenant ids.
let database: TestDatabase;
let db: Kysely<AgentRuntimeTables>;
let store: KyselyConversationStore;

beforeAll(async () => {
  database = await createTestDatabase();
  await createMigrator(database, [agentRuntimeMigrations]).up();
  db = createKysely<AgentRuntimeTables>(database);
  store = createKyselyConversationStore(db);
}, 120_000);
afterAll(async () => {
  await database?.drop();
}, 60_000);

const tenant = (): TenantScope => ({ tenantId: randomUUID() });

async function conversation(scope: TenantScope, agentKey = 'triage', userId: string | null = null) {
  const { conversation: created } = await store.ensure(scope, { id: randomUUID(), userId, agentKey });
  return created;
}

async function chat(scope: TenantScope, id: string, ...turns: [user: string, assistant: string][]) {
  for (const [index, [user, assistant]] of turns.entries()) {
    await store.appendMessage(scope, id, { role: 'user', content: user });
    await store.appendMessage(scope, id, { role: 'assistant', content: assistant, runId: `run_${index}` });
  }
}

describe('full-text search capability (the same SQL on PGlite and Postgres)', () => {
  it('has tsvector columns with GIN indexes and websearch_to_tsquery', async () => {
    const { rows } = await database.query<{ indexname: string }>(
      `select indexname from pg_indexes where indexdef ilike '%using gin%' order by indexname`,
    );
    expect(rows.map((row) => row.indexname)).toEqual(
      expect.arrayContaining(['agent_conversations_search_idx', 'agent_messages_search_idx']),
    );
    const match = await database.query<{ m: boolean }>(
      `select to_tsvector('english', 'running dogs') @@ websearch_to_tsquery('english', '"dog" run -cat') as m`,
    );
    expect(match.rows[0]?.m).toBe(true);
  });
});

describe('createKyselyConversationStore', () => {
  it('ensure creates once and hides another tenant’s id', async () => {
    const scope = tenant();
    const id = randomUUID();
    const first = await store.ensure(scope, { id, userId: null, agentKey: 'triage' });
    expect(first).toMatchObject({
      created: true,
      conversation: { id, agentEntrypoint: 'triage', activeAgent: 'triage', messageCount: 0, title: null },
    });
    const again = await store.ensure(scope, { id, userId: null, agentKey: 'researcher' });
    expect(again).toMatchObject({ created: false, conversation: { agentEntrypoint: 'triage' } });
    await expect(store.ensure(tenant(), { id, userId: null, agentKey: 'triage' })).rejects.toMatchObject({
      code: 'NotFound',
    });
    expect(await store.get(tenant(), id)).toBeNull();
    expect(await store.get(scope, 'not-a-uuid')).toBeNull();
  });

  it('appends messages at consecutive positions and keeps counters and preview', async () => {
    const scope = tenant();
    const { id } = await conversation(scope);
    await chat(scope, id, ['Hello   there\n friend', 'Hi!']);
    const message = await store.appendMessage(scope, id, {
      role: 'user',
      content: 'x'.repeat(500),
      attachments: [{ object_id: 'a' }],
      metadata: { source: 'test' },
      agent: 'triage',
    });
    expect(message).toMatchObject({ position: 3, role: 'user', attachments: [{ object_id: 'a' }] });
    expect(message.metadata).toEqual({ source: 'test' });
    const record = await store.get(scope, id);
    expect(record?.messageCount).toBe(3);
    expect(record?.lastMessagePreview).toHaveLength(160);
    expect(record?.activeAgent).toBe('triage');
    // `activeAgent` moves the conversation's active agent in the counters' UPDATE.
    await store.appendMessage(scope, id, { role: 'assistant', content: 'Done.', activeAgent: 'researcher' });
    expect(await store.get(scope, id)).toMatchObject({ messageCount: 4, activeAgent: 'researcher' });
    await expect(store.appendMessage(tenant(), id, { role: 'user', content: 'x' })).rejects.toMatchObject({
      code: 'NotFound',
    });
  });

  it('concurrent appends to one conversation take distinct consecutive positions', async () => {
    const scope = tenant();
    const { id } = await conversation(scope);
    const appended = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        store.appendMessage(scope, id, { role: 'user', content: `message ${index}` }),
      ),
    );
    expect(appended.map((message) => message.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, index) => index + 1),
    );
    expect((await store.get(scope, id))?.messageCount).toBe(12);
    await expect(
      store.appendMessage(scope, 'not-a-uuid', { role: 'user', content: 'x' }),
    ).rejects.toMatchObject({
      code: 'NotFound',
    });
  });

  it('pages conversations by updated_at desc, id desc, also within one millisecond', async () => {
    const scope = tenant();
    const frozen = new Date('2030-01-01T00:00:00.000Z');
    const sameTime = createKyselyConversationStore(db, { clock: () => frozen });
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const id = randomUUID();
      await sameTime.ensure(scope, { id, userId: null, agentKey: index < 3 ? 'triage' : 'researcher' });
      ids.push(id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list(scope, { limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual([...ids].sort().reverse());

    const researcher = await store.list(scope, { limit: 10, agent: 'researcher' });
    expect(researcher.items).toHaveLength(2);
    expect(researcher.nextCursor).toBeNull();
    expect((await store.list(tenant(), { limit: 10 })).items).toEqual([]);
  });

  it('a newer message moves its conversation to the top', async () => {
    const scope = tenant();
    const older = await conversation(scope);
    await conversation(scope);
    await store.appendMessage(scope, older.id, { role: 'user', content: 'bump' });
    const page = await store.list(scope, { limit: 1 });
    expect(page.items[0]?.id).toBe(older.id);
  });

  it('rejects garbled and foreign cursors with BadRequest', async () => {
    const scope = tenant();
    const { id } = await conversation(scope);
    await chat(scope, id, ['a', 'b'], ['c', 'd']);
    const messages = await store.messages(scope, id, { limit: 1, direction: 'asc' });
    const messageCursor = messages.nextCursor ?? '';
    expect(messageCursor).not.toBe('');
    const bad = [
      'garbage!!',
      messageCursor,
      encodeCursor({ k: 'conversations', t: "1'; drop table x; --", id }),
      encodeCursor({ id: 1 }),
    ];
    for (const cursor of bad) {
      await expect(store.list(scope, { limit: 1, cursor })).rejects.toMatchObject({ code: 'BadRequest' });
    }
    await expect(
      store.messages(scope, id, { limit: 1, direction: 'desc', cursor: messageCursor }),
    ).rejects.toMatchObject({ code: 'BadRequest' });
    await expect(store.runEvents(scope, id, { limit: 1, cursor: messageCursor })).rejects.toMatchObject({
      code: 'BadRequest',
    });
    await expect(store.search(scope, { q: 'a', limit: 1, cursor: messageCursor })).rejects.toMatchObject({
      code: 'BadRequest',
    });
  });

  it('pages messages in both directions', async () => {
    const scope = tenant();
    const { id } = await conversation(scope);
    await chat(scope, id, ['1', '2'], ['3', '4'], ['5', '6']);
    const collect = async (direction: 'asc' | 'desc') => {
      const contents: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.messages(scope, id, { limit: 4, direction, cursor });
        contents.push(...page.items.map((item) => item.content));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return contents;
    };
    expect(await collect('asc')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(await collect('desc')).toEqual(['6', '5', '4', '3', '2', '1']);
    expect((await store.messages(tenant(), id, { limit: 10, direction: 'asc' })).items).toEqual([]);
  });

  it('truncates from a user message: 404 missing, 409 non-user, later turns and their run events gone', async () => {
    const scope = tenant();
    const { id } = await conversation(scope);
    await chat(scope, id, ['first', 'one'], ['second', 'two'], ['third', 'three']);
    await store.appendRunEvents(scope, id, [
      { runId: 'run_0', itemType: 'message_output_item' },
      { runId: 'run_1', itemType: 'tool_call_item', toolName: 'get_current_time' },
      { runId: 'run_2', itemType: 'message_output_item' },
    ]);
    const { items } = await store.messages(scope, id, { limit: 10, direction: 'asc' });
    const secondUser = items[2];
    const firstAssistant = items[1];
    if (secondUser === undefined || firstAssistant === undefined) throw new Error('messages missing');

    await expect(store.truncateFromUserMessage(scope, id, randomUUID())).rejects.toMatchObject({
      code: 'NotFound',
    });
    await expect(store.truncateFromUserMessage(scope, id, 'nope')).rejects.toMatchObject({
      code: 'NotFound',
    });
    await expect(store.truncateFromUserMessage(scope, id, firstAssistant.id)).rejects.toMatchObject({
      code: 'Conflict',
      status: 409,
    });
    await expect(store.truncateFromUserMessage(tenant(), id, secondUser.id)).rejects.toMatchObject({
      code: 'NotFound',
    });

    expect(await store.truncateFromUserMessage(scope, id, secondUser.id)).toBe(3);
    const left = await store.messages(scope, id, { limit: 10, direction: 'asc' });
    expect(left.items.map((item) => item.content)).toEqual(['first', 'one']);
    expect(await store.get(scope, id)).toMatchObject({ messageCount: 2, lastMessagePreview: 'one' });
    const events = await store.runEvents(scope, id, { limit: 10 });
    expect(events.items.map((event) => event.runId)).toEqual(['run_0']);

    const next = await store.appendMessage(scope, id, { role: 'user', content: 'again' });
    expect(next.position).toBe(3);
  });

  it('built on a caller transaction, truncation joins it: a rollback keeps every message', async () => {
    const scope = tenant();
    const { id } = await conversation(scope);
    await chat(scope, id, ['first', 'one'], ['second', 'two']);
    const { items } = await store.messages(scope, id, { limit: 10, direction: 'asc' });
    const secondUser = items[2];
    if (secondUser === undefined) throw new Error('messages missing');
    const rollback = new Error('rollback');

    await expect(
      db.transaction().execute(async (trx) => {
        const inner = createKyselyConversationStore(trx);
        expect(await inner.truncateFromUserMessage(scope, id, secondUser.id)).toBe(3);
        await inner.appendMessage(scope, id, { role: 'user', content: 'inside' });
        expect((await inner.get(scope, id))?.messageCount).toBe(3);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const kept = await store.messages(scope, id, { limit: 10, direction: 'asc' });
    expect(kept.items.map((item) => item.content)).toEqual(['first', 'one', 'second', 'two']);
    expect(await store.get(scope, id)).toMatchObject({ messageCount: 4, lastMessagePreview: 'two' });

    await db.transaction().execute(async (trx) => {
      await createKyselyConversationStore(trx).truncateFromUserMessage(scope, id, secondUser.id);
    });
    expect(await store.get(scope, id)).toMatchObject({ messageCount: 2 });
  });

  it('searches titles and message contents with stemming, snippets, agent filter and paging', async () => {
    const scope = tenant();
    const dogs = await conversation(scope, 'triage');
    await chat(scope, dogs.id, ['Tell me about running dogs', 'Dogs love to run.']);
    const titled = await conversation(scope, 'researcher');
    await store.setTitle(scope, titled.id, 'Dog breeds', false);
    const other = await conversation(scope, 'triage');
    await chat(scope, other.id, ['Quantum physics', 'Particles.']);
    const foreign = tenant();
    const theirs = await conversation(foreign);
    await chat(foreign, theirs.id, ['dogs everywhere', 'yes']);

    const all = await store.search(scope, { q: 'dog', limit: 10 });
    expect(all.items.map((item) => item.id).sort()).toEqual([dogs.id, titled.id].sort());
    expect(all.items.find((item) => item.id === dogs.id)?.snippet).toContain('<b>Dogs</b>');
    expect(all.items.find((item) => item.id === titled.id)?.snippet).toBe('Dog breeds');
    expect(await store.countMatches(scope, { q: 'dog' })).toBe(2);

    const filtered = await store.search(scope, { q: 'dog', limit: 10, agent: 'researcher' });
    expect(filtered.items.map((item) => item.id)).toEqual([titled.id]);

    const first = await store.search(scope, { q: 'dogs', limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const second = await store.search(scope, { q: 'dogs', limit: 1, cursor: first.nextCursor ?? '' });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.id)).toHaveLength(2);

    // Syntax-only or stop-word queries match nothing rather than failing.
    expect((await store.search(scope, { q: '"" -- or !!!', limit: 5 })).items).toEqual([]);
    expect((await store.search(scope, { q: 'the', limit: 5 })).items).toEqual([]);
  });

  it('patches memory: only given fields change, null clears, invalid values are a 422', async () => {
    const scope = tenant();
    const { id } = await conversation(scope);
    let record = await store.updateMemory(scope, id, { memory: { mode: 'trim', maxUserTurns: 5 } });
    expect(record.memory).toEqual({ mode: 'trim', maxUserTurns: 5 });
    expect(record.memoryInjection).toBeNull();
    record = await store.updateMemory(scope, id, { memory: { maxUserTurns: null, compactKeep: 2 } });
    expect(record.memory).toEqual({ mode: 'trim', compactKeep: 2 });
    record = await store.updateMemory(scope, id, { memoryInjection: true });
    expect(record).toMatchObject({ memory: { mode: 'trim', compactKeep: 2 }, memoryInjection: true });
    record = await store.updateMemory(scope, id, { memory: { mode: null, compactKeep: null } });
    expect(record.memory).toBeNull();
    await expect(store.updateMemory(scope, id, { memory: { mode: 'forget' } })).rejects.toMatchObject({
      code: 'ValidationError',
    });
    await expect(store.updateMemory(tenant(), id, { memoryInjection: false })).rejects.toMatchObject({
      code: 'NotFound',
    });
  });

  it('sets titles and the active agent, reports agent stats, deletes with messages and events', async () => {
    const scope = tenant();
    const { id } = await conversation(scope, 'triage');
    await chat(scope, id, ['hi', 'hello']);
    await store.appendRunEvents(scope, id, [{ runId: 'run_0', itemType: 'message_output_item' }]);
    await store.setTitle(scope, id, `  ${'t'.repeat(300)} `, true);
    await store.setActiveAgent(scope, id, 'researcher');
    const record = await store.get(scope, id);
    expect(record?.title).toHaveLength(200);
    expect(record?.titleGeneratedAt).toBeInstanceOf(Date);
    expect(record?.activeAgent).toBe('researcher');
    await store.setTitle(scope, id, 'Manual', false);
    expect(await store.get(scope, id)).toMatchObject({ title: 'Manual', titleGeneratedAt: null });
    await expect(store.setTitle(tenant(), id, 'x', false)).rejects.toMatchObject({ code: 'NotFound' });

    const stats = await store.agentStats(scope, 'researcher');
    expect(stats.totalConversations).toBe(1);
    expect(stats.lastUsedAt).toBeInstanceOf(Date);
    expect(await store.agentStats(scope, 'director')).toEqual({ totalConversations: 0, lastUsedAt: null });

    expect(await store.delete(tenant(), id)).toBe(false);
    expect(await store.delete(scope, id)).toBe(true);
    expect(await store.get(scope, id)).toBeNull();
    const { rows } = await database.query<{ n: number }>(
      `select (select count(*) from agent_messages where conversation_id = $1)
            + (select count(*) from agent_run_events where conversation_id = $1) as n`,
      [id],
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('numbers run events per conversation and filters them by workflow run', async () => {
    const scope = tenant();
    const { id } = await conversation(scope);
    await store.appendRunEvents(scope, id, [
      { runId: 'r1', itemType: 'tool_call_item', toolCallId: 'call_1', arguments: '{}', attachments: [] },
      { runId: 'r1', itemType: 'tool_call_output_item', output: 'ok', workflowRunId: 'wf_1' },
    ]);
    await store.appendRunEvents(scope, id, [{ runId: 'r2', itemType: 'reasoning_item', content: 'hmm' }]);
    const first = await store.runEvents(scope, id, { limit: 2 });
    expect(first.items.map((event) => event.sequenceNo)).toEqual([1, 2]);
    expect(first.items[0]).toMatchObject({ toolCallId: 'call_1', arguments: '{}', attachments: [] });
    const rest = await store.runEvents(scope, id, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(rest.items.map((event) => event.content)).toEqual(['hmm']);
    expect(rest.nextCursor).toBeNull();
    const workflow = await store.runEvents(scope, id, { limit: 10, workflowRunId: 'wf_1' });
    expect(workflow.items.map((event) => event.output)).toEqual(['ok']);
    expect((await store.runEvents(tenant(), id, { limit: 10 })).items).toEqual([]);
    await expect(store.appendRunEvents(tenant(), id, [{ runId: 'x', itemType: 'y' }])).rejects.toMatchObject({
      code: 'NotFound',
    });
  });
});
