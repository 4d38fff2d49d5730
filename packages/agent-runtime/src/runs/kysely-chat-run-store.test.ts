import { randomUUID } from 'node:crypto';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import { agentRuntimeMigrations } from '../migrations/index.js';
import type { ChatRunStore, NewChatRun } from './chat-run-store.js';
import { createKyselyChatRunStore } from './kysely-chat-run-store.js';

let database: TestDatabase;
let db: Kysely<AgentRuntimeTables>;
let store: ChatRunStore;

beforeAll(async () => {
  database = await createTestDatabase();
  await createMigrator(database, [agentRuntimeMigrations]).up();
  db = createKysely<AgentRuntimeTables>(database);
  store = createKyselyChatRunStore(db);
}, 120_000);
afterAll(async () => {
  await database?.drop();
}, 60_000);

const newRun = (overrides: Partial<NewChatRun> = {}): NewChatRun => ({
  runId: `run_${randomUUID()}`,
  tenantId: randomUUID(),
  userId: randomUUID(),
  conversationId: randomUUID(),
  agentKey: 'triage',
  streamId: `chat_${randomUUID().replaceAll('-', '')}`,
  messagePosition: 1,
  requestMessage: 'hello',
  ...overrides,
});
const pending = [{ toolCallId: 'call_1', toolName: 'refund', arguments: '{"a":1}', agentName: 'Support' }];

describe('createKyselyChatRunStore', () => {
  it('creates a running run and reads it back only within its tenant', async () => {
    const run = newRun();
    const created = await store.create(run);
    expect(created).toMatchObject({ runId: run.runId, status: 'running', state: null, pendingApprovals: [] });
    expect(await store.get({ tenantId: run.tenantId }, run.runId)).toMatchObject({ streamId: run.streamId });
    expect(await store.get({ tenantId: randomUUID() }, run.runId)).toBeNull();
    expect(await store.get({ tenantId: 'not-a-uuid' }, run.runId)).toBeNull();
  });

  it('keeps the state of an interrupted run and lets exactly one claim resume it', async () => {
    const run = newRun();
    const scope = { tenantId: run.tenantId };
    await store.create(run);
    expect(
      await store.markFinished(scope, run.runId, {
        status: 'interrupted',
        state: '{"s":1}',
        pendingApprovals: pending,
      }),
    ).toBe(true);
    expect(await store.get(scope, run.runId)).toMatchObject({
      status: 'interrupted',
      state: '{"s":1}',
      pendingApprovals: pending,
      finishedAt: null,
    });
    expect(await store.claimResume({ tenantId: randomUUID() }, run.runId, 'chat_x')).toBeNull();
    const claims = await Promise.all([
      store.claimResume(scope, run.runId, 'chat_a'),
      store.claimResume(scope, run.runId, 'chat_b'),
    ]);
    const won = claims.filter((claim) => claim !== null);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ state: '{"s":1}', pendingApprovals: pending, status: 'interrupted' });
    const after = await store.get(scope, run.runId);
    expect(after).toMatchObject({ status: 'running', state: null, pendingApprovals: [] });
    expect(['chat_a', 'chat_b']).toContain(after?.streamId);
  });

  it('finishes only a running run and clears any state', async () => {
    const run = newRun();
    const scope = { tenantId: run.tenantId };
    await store.create(run);
    expect(await store.markFinished(scope, run.runId, { status: 'completed', agentKey: 'researcher' })).toBe(
      true,
    );
    expect(await store.markFinished(scope, run.runId, { status: 'failed' })).toBe(false);
    const finished = await store.get(scope, run.runId);
    expect(finished).toMatchObject({ status: 'completed', agentKey: 'researcher', state: null });
    expect(finished?.finishedAt).toBeInstanceOf(Date);
    expect(await store.claimResume(scope, run.runId, 'chat_c')).toBeNull();
  });
});
