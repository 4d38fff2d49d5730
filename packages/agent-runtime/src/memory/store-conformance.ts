// Shared conformance suites for the memory ports; each implementation's test file runs them.
import { randomUUID } from 'node:crypto';
import type { AgentInputItem } from '@openai/agents';
import type { ConversationId, TenantId } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import type { AgentSessionStore } from './session-store.js';
import type { SummaryScope, SummaryStore, SummaryStoreOptions } from './summary-store.js';

const user = (text: string): AgentInputItem => ({ type: 'message', role: 'user', content: text });
const assistant = (text: string): AgentInputItem => ({
  type: 'message',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text }],
});
const call = (callId: string): AgentInputItem => ({
  type: 'function_call',
  callId,
  name: 'lookup',
  arguments: '{"q":"ünïcode ✓"}',
});
const result = (callId: string): AgentInputItem => ({
  type: 'function_call_result',
  callId,
  name: 'lookup',
  status: 'completed',
  output: 'found',
});

/** A fresh tenant id per test, so suites can share one database. */
export const newTenant = (): TenantId => randomUUID() as TenantId;

/** The `AgentSessionStore` contract: the SDK `Session` semantics plus tenant scoping and `replaceItems`. */
export function describeSessionStoreConformance(getStore: () => AgentSessionStore): void {
  describe('AgentSessionStore conformance', () => {
    const open = (sessionId = `s-${randomUUID()}`) =>
      getStore().session({ tenantId: newTenant(), sessionId });

    it('returns the session id and starts empty', async () => {
      const session = open('conv-1');
      expect(await session.getSessionId()).toBe('conv-1');
      expect(await session.getItems()).toEqual([]);
      expect(await session.popItem()).toBeUndefined();
    });

    it('appends items in order and round-trips them unchanged', async () => {
      const session = open();
      const first = [user('hi'), call('c1'), result('c1')];
      await session.addItems(first);
      await session.addItems([]);
      await session.addItems([assistant('done'), user('next')]);
      expect(await session.getItems()).toEqual([...first, assistant('done'), user('next')]);
    });

    it('returns the latest `limit` items in chronological order', async () => {
      const session = open();
      await session.addItems([user('1'), assistant('2'), user('3'), assistant('4')]);
      expect(await session.getItems(2)).toEqual([user('3'), assistant('4')]);
      expect(await session.getItems(10)).toHaveLength(4);
      expect(await session.getItems(0)).toEqual([]);
    });

    it('pops the most recent item and keeps appending after it', async () => {
      const session = open();
      await session.addItems([user('1'), assistant('2')]);
      expect(await session.popItem()).toEqual(assistant('2'));
      await session.addItems([assistant('2b')]);
      expect(await session.getItems()).toEqual([user('1'), assistant('2b')]);
    });

    it('clears a session, which can then be reused', async () => {
      const session = open();
      await session.addItems([user('1')]);
      await session.clearSession();
      expect(await session.getItems()).toEqual([]);
      await session.addItems([user('again')]);
      expect(await session.getItems()).toEqual([user('again')]);
    });

    it('replaces the whole history, including with nothing', async () => {
      const session = open();
      await session.addItems([user('1'), assistant('2'), user('3')]);
      await session.replaceItems([user('3')]);
      expect(await session.getItems()).toEqual([user('3')]);
      await session.addItems([assistant('4')]);
      expect(await session.getItems()).toEqual([user('3'), assistant('4')]);
      await session.replaceItems([]);
      expect(await session.getItems()).toEqual([]);
    });

    it('does not let callers mutate stored items through returned objects', async () => {
      const session = open();
      const item = user('original');
      await session.addItems([item]);
      (item as { content: string }).content = 'mutated after add';
      const [read] = await session.getItems();
      (read as { content: string }).content = 'mutated after read';
      expect(await session.getItems()).toEqual([user('original')]);
    });

    it('isolates sessions by tenant and by session id', async () => {
      const store = getStore();
      const [tenantA, tenantB] = [newTenant(), newTenant()];
      const a = store.session({ tenantId: tenantA, sessionId: 'shared-id' });
      const b = store.session({ tenantId: tenantB, sessionId: 'shared-id' });
      const other = store.session({ tenantId: tenantA, sessionId: 'other-id' });
      await a.addItems([user('tenant A secret')]);
      expect(await b.getItems()).toEqual([]);
      expect(await other.getItems()).toEqual([]);
      expect(await b.popItem()).toBeUndefined();
      await b.clearSession();
      await b.replaceItems([user('tenant B')]);
      expect(await a.getItems()).toEqual([user('tenant A secret')]);
    });

    it('keeps every item of concurrent appends', async () => {
      const session = open();
      await Promise.all(
        Array.from({ length: 5 }, (_, i) => session.addItems([user(`${i}`), assistant(`${i}`)])),
      );
      const items = await session.getItems();
      expect(items).toHaveLength(10);
      expect(new Set(items.map((item) => JSON.stringify(item))).size).toBe(10);
    });

    it('rejects empty and oversized session ids', () => {
      expect(() => getStore().session({ tenantId: newTenant(), sessionId: '' })).toThrow(/session id/);
      expect(() => getStore().session({ tenantId: newTenant(), sessionId: 'x'.repeat(256) })).toThrow(
        /session id/,
      );
    });
  });
}

/** The `SummaryStore` contract; `create` must honour the given clock for `createdAt` and the age cut-off. */
export function describeSummaryStoreConformance(
  create: (options: SummaryStoreOptions) => SummaryStore,
): void {
  describe('SummaryStore conformance', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const scope = (): SummaryScope => ({
      tenantId: newTenant(),
      conversationId: randomUUID() as ConversationId,
      agentKey: 'researcher',
    });
    const clock = () => {
      let at = new Date('2025-01-01T00:00:00.000Z');
      return { now: () => at, advance: (ms: number) => (at = new Date(at.getTime() + ms)) };
    };

    it('returns the latest version per conversation and agent', async () => {
      const time = clock();
      const store = create({ now: time.now });
      const s = scope();
      expect(await store.latest(s)).toBeNull();
      const first = await store.save(s, { text: 'first', tokens: 3 });
      expect(first).toMatchObject({ ...s, summaryText: 'first', summaryTokens: 3, version: 1 });
      expect(first.createdAt.toISOString()).toBe('2025-01-01T00:00:00.000Z');
      time.advance(1000);
      await store.save(s, { text: 'second' });
      expect(await store.latest(s)).toMatchObject({ summaryText: 'second', version: 2, summaryTokens: null });
      expect(await store.latest({ ...s, agentKey: 'triage' })).toBeNull();
    });

    it('isolates tenants and conversations', async () => {
      const store = create({});
      const s = scope();
      await store.save(s, { text: 'secret' });
      expect(await store.latest({ ...s, tenantId: newTenant() })).toBeNull();
      expect(await store.latest({ ...s, conversationId: randomUUID() as ConversationId })).toBeNull();
    });

    it('ignores summaries older than 14 days', async () => {
      const time = clock();
      const store = create({ now: time.now });
      const s = scope();
      await store.save(s, { text: 'old' });
      time.advance(14 * DAY);
      expect((await store.latest(s))?.summaryText).toBe('old');
      time.advance(1);
      expect(await store.latest(s)).toBeNull();
    });

    it('truncates to 4 000 characters by default, or to maxChars', async () => {
      const store = create({});
      const s = scope();
      await store.save(s, { text: 'a'.repeat(5000) });
      expect((await store.latest(s))?.summaryText).toHaveLength(4000);
      expect((await store.latest(s, { maxChars: 10 }))?.summaryText).toBe('a'.repeat(10));
    });

    it('clears a conversation for every agent, leaving others', async () => {
      const store = create({});
      const s = scope();
      const kept = scope();
      await store.save(s, { text: 'x' });
      await store.save({ ...s, agentKey: 'triage' }, { text: 'y' });
      await store.save(kept, { text: 'z' });
      expect(await store.clear(s)).toBe(2);
      expect(await store.latest(s)).toBeNull();
      expect((await store.latest(kept))?.summaryText).toBe('z');
    });
  });
}
