import { randomUUID } from 'node:crypto';
import type { AgentInputItem } from '@openai/agents';
import { type ConversationId, MemoryCheckpointSchema, type TenantId } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import { applyMemoryStrategy } from './apply-memory-strategy.js';
import { COMPACTED_MARKER } from './compact-strategy.js';
import { splitTurns } from './conversation-turns.js';
import { createInMemorySessionStore } from './in-memory-session-store.js';
import { loadInjectedSummary } from './load-memory-summary.js';
import { toPublicMemoryCheckpoint } from './memory-checkpoint.js';
import type { MemoryStrategyConfig } from './memory-strategy-config.js';
import { resolveMemoryStrategy } from './resolve-memory-strategy.js';
import { SUMMARY_PREFIX } from './summarize-strategy.js';
import { createInMemorySummaryStore } from './summary-store.js';

const user = (text: string): AgentInputItem => ({ type: 'message', role: 'user', content: text });
const assistant = (text: string): AgentInputItem => ({
  type: 'message',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text }],
});
const call = (name: string, callId: string): AgentInputItem => ({
  type: 'function_call',
  callId,
  name,
  arguments: JSON.stringify({ query: `arguments of ${callId}` }),
});
const result = (name: string, callId: string): AgentInputItem => ({
  type: 'function_call_result',
  callId,
  name,
  status: 'completed',
  output: `a long output of ${callId} `.repeat(20),
});

/** Turn n: a user message, a tool call and its output, and the assistant's answer. */
const toolTurn = (n: number, tool = 'lookup'): AgentInputItem[] => [
  user(`question ${n}`),
  call(tool, `c${n}`),
  result(tool, `c${n}`),
  assistant(`answer ${n}`),
];

const history = (turns: number, tool?: string): AgentInputItem[] =>
  Array.from({ length: turns }, (_, i) => toolTurn(i + 1, tool)).flat();

async function sessionWith(items: AgentInputItem[]) {
  const session = createInMemorySessionStore().session({
    tenantId: randomUUID() as TenantId,
    sessionId: 'conv',
  });
  await session.addItems(items);
  return session;
}

const strategyOf = (config: MemoryStrategyConfig) => resolveMemoryStrategy({ request: config });

/** Every call in a history has its output in the same history, and vice versa. */
function expectPairedCalls(items: AgentInputItem[]): void {
  const calls = items.flatMap((item) => (item.type === 'function_call' ? [item.callId] : []));
  const results = items.flatMap((item) => (item.type === 'function_call_result' ? [item.callId] : []));
  expect(calls.sort()).toEqual(results.sort());
}

describe('applyMemoryStrategy: none', () => {
  it('never touches the session', async () => {
    const session = await sessionWith(history(20));
    expect(await applyMemoryStrategy(session, strategyOf({ mode: 'none', tokenBudget: 1 }))).toBeNull();
    expect(await session.getItems()).toHaveLength(80);
  });
});

describe('applyMemoryStrategy: trim', () => {
  it('does nothing until the turn trigger is passed', async () => {
    const session = await sessionWith(history(3));
    expect(await applyMemoryStrategy(session, strategyOf({ mode: 'trim', maxUserTurns: 3 }))).toBeNull();
    expect(await session.getItems()).toEqual(history(3));
  });

  it('keeps the last keepLastUserTurns whole turns once there are too many', async () => {
    const session = await sessionWith(history(5));
    const checkpoint = await applyMemoryStrategy(
      session,
      strategyOf({ mode: 'trim', maxUserTurns: 4, keepLastUserTurns: 2 }),
    );
    const items = await session.getItems();
    expect(items).toEqual([...toolTurn(4), ...toolTurn(5)]);
    expectPairedCalls(items);
    expect(checkpoint).toMatchObject({
      type: 'memory_checkpoint',
      mode: 'trim',
      triggerReason: 'turns',
      before: { items: 20, userTurns: 5 },
      after: { items: 8, userTurns: 2 },
    });
    expect(checkpoint?.after.tokens).toBeLessThan(checkpoint?.before.tokens ?? 0);
  });

  it('drops whole old turns until the history fits the hard token budget, never below one turn', async () => {
    const items = history(6);
    const oneTurnTokens = Math.ceil(JSON.stringify(toolTurn(6)).length / 4);
    const session = await sessionWith(items);
    const checkpoint = await applyMemoryStrategy(
      session,
      strategyOf({ mode: 'trim', keepLastUserTurns: 5, tokenBudget: oneTurnTokens * 2 + 10 }),
    );
    expect(checkpoint?.triggerReason).toBe('token_budget');
    const kept = await session.getItems();
    expect(splitTurns(kept).turns.length).toBe(2);
    expect(kept.at(0)).toEqual(user('question 5'));
    expectPairedCalls(kept);

    const tiny = await sessionWith(history(3));
    await applyMemoryStrategy(tiny, strategyOf({ mode: 'trim', tokenBudget: 1 }));
    expect(await tiny.getItems()).toEqual(toolTurn(3));
  });

  it('on the soft budget keeps keepLastUserTurns even when they are still over it', async () => {
    const session = await sessionWith(history(4));
    const checkpoint = await applyMemoryStrategy(
      session,
      strategyOf({ mode: 'trim', keepLastUserTurns: 3, tokenSoftBudget: 1 }),
    );
    expect(checkpoint?.triggerReason).toBe('token_soft_budget');
    expect(splitTurns(await session.getItems()).turns).toHaveLength(3);
  });
});

describe('applyMemoryStrategy: compact', () => {
  it('replaces old tool outputs with placeholders and keeps messages and the last turns intact', async () => {
    const session = await sessionWith(history(4));
    const checkpoint = await applyMemoryStrategy(
      session,
      strategyOf({ mode: 'compact', compactTriggerTurns: 3, compactKeep: 2 }),
    );
    const items = await session.getItems();
    expect(items).toHaveLength(16);
    expectPairedCalls(items);
    const [t1, t2, t3, t4] = [0, 4, 8, 12].map((start) => items.slice(start, start + 4));
    for (const turn of [t1, t2]) {
      expect(turn?.[0]).toMatchObject({ role: 'user' });
      expect(turn?.[1]).toMatchObject({
        type: 'function_call',
        arguments: expect.stringContaining('arguments of'),
      });
      expect(turn?.[2]).toMatchObject({
        type: 'function_call_result',
        output: expect.stringContaining(COMPACTED_MARKER),
      });
      expect(turn?.[3]).toMatchObject({ role: 'assistant' });
    }
    expect([...(t3 ?? []), ...(t4 ?? [])]).toEqual([...toolTurn(3), ...toolTurn(4)]);
    expect(checkpoint).toMatchObject({
      mode: 'compact',
      triggerReason: 'turns',
      before: { items: 16, userTurns: 4 },
      after: { items: 16, userTurns: 4 },
      compaction: {
        compactedInputs: 0,
        compactedOutputs: 2,
        keepTurns: 2,
        triggerTurns: 3,
        clearToolInputs: false,
      },
    });
    expect(checkpoint?.after.tokens).toBeLessThan(checkpoint?.before.tokens ?? 0);

    // Already compacted: a second pass changes nothing.
    expect(
      await applyMemoryStrategy(
        session,
        strategyOf({ mode: 'compact', compactTriggerTurns: 3, compactKeep: 2 }),
      ),
    ).toBeNull();
  });

  it('clears tool inputs on request and honours include over exclude lists', async () => {
    const items = [
      ...toolTurn(1, 'web_search'),
      ...toolTurn(2, 'lookup'),
      ...toolTurn(3, 'calc'),
      ...toolTurn(4),
    ];
    const clearing = await sessionWith(items);
    const checkpoint = await applyMemoryStrategy(
      clearing,
      strategyOf({
        mode: 'compact',
        compactTriggerTurns: 1,
        compactKeep: 1,
        compactClearToolInputs: true,
        compactExcludeTools: ['WEB_SEARCH'],
      }),
    );
    const after = await clearing.getItems();
    expect(after[1]).toEqual(items[1]);
    expect(after[2]).toEqual(items[2]);
    expect(after[5]).toMatchObject({ arguments: expect.stringContaining(COMPACTED_MARKER) });
    expect(JSON.parse((after[5] as { arguments: string }).arguments)).toBeTypeOf('object');
    expect(after[6]).toMatchObject({ output: expect.stringContaining(COMPACTED_MARKER) });
    expect(checkpoint?.compaction).toMatchObject({
      compactedInputs: 2,
      compactedOutputs: 2,
      excludedTools: ['web_search'],
    });

    const including = await sessionWith(items);
    await applyMemoryStrategy(
      including,
      strategyOf({
        mode: 'compact',
        compactTriggerTurns: 1,
        compactKeep: 1,
        compactIncludeTools: ['calc'],
        compactExcludeTools: ['calc'],
      }),
    );
    const compacted = (await including.getItems()).filter(
      (item) => item.type === 'function_call_result' && String(item.output).includes(COMPACTED_MARKER),
    );
    expect(compacted.map((item) => (item as { name: string }).name)).toEqual(['calc']);
  });

  it('projects onto a valid public memory.checkpoint payload', async () => {
    const session = await sessionWith(history(4));
    const checkpoint = await applyMemoryStrategy(
      session,
      strategyOf({ mode: 'compact', compactTriggerTurns: 2 }),
    );
    expect(checkpoint).not.toBeNull();
    const payload = MemoryCheckpointSchema.parse(toPublicMemoryCheckpoint(checkpoint!));
    expect(payload).toMatchObject({
      strategy: 'compact',
      compacted_count: 2,
      turns_before: 4,
      total_items_after: 16,
    });
  });
});

describe('applyMemoryStrategy: summarize', () => {
  const scope = {
    tenantId: randomUUID() as TenantId,
    conversationId: randomUUID() as ConversationId,
    agentKey: 'researcher',
  };

  it('summarizes dropped turns with the summarizer model, stores the summary and puts it first', async () => {
    const summaryStore = createInMemorySummaryStore();
    const session = await sessionWith(history(4));
    const checkpoint = await applyMemoryStrategy(
      session,
      strategyOf({
        mode: 'summarize',
        maxUserTurns: 3,
        keepLastUserTurns: 1,
        summarizerModel: 'summary-model',
      }),
      { modelProvider: createDemoModelProvider(), summaryStore, summaryScope: scope },
    );
    // The demo model answers "Demo model reply to: <last user message>"; the transcript is that message.
    expect(checkpoint?.summary).toMatch(/^Demo model reply to: Conversation so far:/);
    expect(checkpoint?.summary).toContain('question 1');
    const items = await session.getItems();
    expect(items[0]).toEqual({
      type: 'message',
      role: 'system',
      content: `${SUMMARY_PREFIX}\n${checkpoint?.summary}`,
    });
    expect(items.slice(1)).toEqual(toolTurn(4));
    expect(checkpoint).toMatchObject({
      mode: 'summarize',
      before: { userTurns: 4 },
      after: { items: 5, userTurns: 1 },
    });

    const stored = await summaryStore.latest(scope);
    expect(stored?.summaryText).toBe(checkpoint?.summary);
    expect(await loadInjectedSummary({ store: summaryStore, scope, injection: true })).toBe(
      checkpoint?.summary,
    );
    expect(await loadInjectedSummary({ store: summaryStore, scope, injection: false })).toBeNull();
  });

  it('folds an earlier summary into the next one and caps it at summaryMaxChars', async () => {
    const session = await sessionWith([
      { type: 'message', role: 'system', content: `${SUMMARY_PREFIX}\nthe user is called Ada` },
      ...history(3),
    ]);
    const seen: string[] = [];
    const checkpoint = await applyMemoryStrategy(
      session,
      strategyOf({ mode: 'summarize', maxUserTurns: 2, keepLastUserTurns: 1, summaryMaxChars: 12 }),
      {
        summarizer: {
          async summarize({ items, model }) {
            seen.push(model, JSON.stringify(items));
            return 'a summary that is longer than twelve characters';
          },
        },
      },
    );
    expect(seen[0]).toBe('gpt-5.1');
    expect(seen[1]).toContain('the user is called Ada');
    expect(seen[1]).not.toContain('question 3');
    expect(checkpoint?.summary).toBe('a summary th');
    expect(
      (await session.getItems()).filter((item) => 'role' in item && item.role === 'system'),
    ).toHaveLength(1);
  });

  it('needs a summarizer or model provider', async () => {
    const session = await sessionWith(history(3));
    await expect(
      applyMemoryStrategy(session, strategyOf({ mode: 'summarize', maxUserTurns: 1 })),
    ).rejects.toThrow(/summarizer/);
  });
});
