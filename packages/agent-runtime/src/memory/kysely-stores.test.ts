import { randomUUID } from 'node:crypto';
import type { AgentInputItem, Model, ModelProvider, ModelRequest } from '@openai/agents';
import { Agent, Runner } from '@openai/agents';
import { asId } from '@starter/contracts';
import { createKysely, createMigrator } from '@starter/providers';
import { createTestDatabase, type TestDatabase } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import { agentRuntimeMigrations } from '../migrations/index.js';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import { createKyselySessionStore } from './kysely-session-store.js';
import { createKyselySummaryStore } from './kysely-summary-store.js';
import type { AgentSession } from './session-store.js';
import {
  describeSessionStoreConformance,
  describeSummaryStoreConformance,
  newTenant,
} from './store-conformance.js';

// One database for the whole file: PGlite start-up is slow. Each test uses fresh tenant ids.
let database: TestDatabase;
let db: Kysely<AgentRuntimeTables>;

beforeAll(async () => {
  database = await createTestDatabase();
  await createMigrator(database, [agentRuntimeMigrations]).up();
  db = createKysely<AgentRuntimeTables>(database);
}, 120_000);
afterAll(async () => {
  await database?.drop();
}, 60_000);

describe('createKyselySessionStore', () => {
  describeSessionStoreConformance(() => createKyselySessionStore(db));

  it('stores items as rows with consecutive positions under the tenant', async () => {
    const tenantId = newTenant();
    const session = createKyselySessionStore(db).session({ tenantId, sessionId: 'rows' });
    await session.addItems([
      { type: 'message', role: 'user', content: 'a' },
      { type: 'message', role: 'user', content: 'b' },
    ]);
    await session.popItem();
    await session.addItems([{ type: 'message', role: 'user', content: 'c' }]);
    const rows = await db
      .selectFrom('sdk_agent_session_messages')
      .select(['position', 'item'])
      .where('tenant_id', '=', tenantId)
      .orderBy('position')
      .execute();
    expect(rows.map((row) => [row.position, (row.item as { content: string }).content])).toEqual([
      [0, 'a'],
      [1, 'c'],
    ]);
  });

  it('built on a caller transaction, replaceItems and clearSession join it and roll back with it', async () => {
    const tenantId = newTenant();
    const scope = { tenantId, sessionId: 'tx' };
    const outside = createKyselySessionStore(db).session(scope);
    await outside.addItems([{ type: 'message', role: 'user', content: 'kept' }]);
    const rollback = new Error('rollback');
    for (const change of [
      (session: AgentSession) => session.replaceItems([{ type: 'message', role: 'user', content: 'new' }]),
      (session: AgentSession) => session.clearSession(),
      (session: AgentSession) => session.addItems([{ type: 'message', role: 'user', content: 'more' }]),
    ]) {
      await expect(
        db.transaction().execute(async (trx) => {
          await change(createKyselySessionStore(trx).session(scope));
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      expect(await outside.getItems()).toEqual([{ type: 'message', role: 'user', content: 'kept' }]);
    }
    await db.transaction().execute(async (trx) => {
      await createKyselySessionStore(trx)
        .session(scope)
        .replaceItems([{ type: 'message', role: 'user', content: 'new' }]);
    });
    expect(await outside.getItems()).toEqual([{ type: 'message', role: 'user', content: 'new' }]);
  });

  it('persists a real SDK run and lets the next run see the history', async () => {
    const requests: ModelRequest[] = [];
    const demo = createDemoModelProvider();
    // Records what the runner sends, then lets the real demo model answer.
    const modelProvider: ModelProvider = {
      async getModel(name?: string): Promise<Model> {
        const model = await demo.getModel(name);
        return {
          getResponse: (request) => {
            requests.push(request);
            return model.getResponse(request);
          },
          getStreamedResponse: (request) => model.getStreamedResponse(request),
        };
      },
    };
    const runner = new Runner({ modelProvider, tracingDisabled: true });
    const agent = new Agent({ name: 'Memory test', instructions: 'Answer briefly.' });
    const tenantId = newTenant();
    const store = createKyselySessionStore(db);

    const first = await runner.run(agent, 'My name is Ada.', {
      session: store.session({ tenantId, sessionId: 'sdk' }),
    });
    expect(first.finalOutput).toContain('My name is Ada.');
    const second = await runner.run(agent, 'What is my name?', {
      session: store.session({ tenantId, sessionId: 'sdk' }),
    });
    expect(second.finalOutput).toContain('What is my name?');

    const secondInput = requests.at(-1)?.input as AgentInputItem[];
    expect(JSON.stringify(secondInput)).toContain('My name is Ada.');
    const stored = await store.session({ tenantId, sessionId: 'sdk' }).getItems();
    expect(stored.map((item) => ('role' in item ? item.role : item.type))).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    // Another tenant with the same session id starts from nothing.
    expect(await store.session({ tenantId: newTenant(), sessionId: 'sdk' }).getItems()).toEqual([]);
  });
});

describe('createKyselySummaryStore', () => {
  describeSummaryStoreConformance((options) => createKyselySummaryStore(db, options));

  it('built on a caller transaction, clear and save roll back with it', async () => {
    const tenantId = newTenant();
    const scope = { tenantId, conversationId: asId<'ConversationId'>(randomUUID()), agentKey: 'triage' };
    await createKyselySummaryStore(db).save(scope, { text: 'kept' });
    const rollback = new Error('rollback');
    await expect(
      db.transaction().execute(async (trx) => {
        const inner = createKyselySummaryStore(trx);
        expect(await inner.clear(scope)).toBe(1);
        await inner.save(scope, { text: 'never' });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect((await createKyselySummaryStore(db).latest(scope))?.summaryText).toBe('kept');
  });
});
