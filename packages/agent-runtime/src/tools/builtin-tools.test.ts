import { RunContext } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import type { AgentRunContext } from '../runtime/run-context.js';
import { builtinToolName } from './builtin-tool-name.js';
import { createCurrentTimeTool, formatUtcTimestamp } from './current-time-tool.js';
import { createInMemoryConversationSearch } from './in-memory-conversation-search.js';
import { createSearchConversationsTool } from './search-conversations-tool.js';
import { toWebSearchUserLocation } from './web-search-entry.js';

function runContext(overrides: Partial<AgentRunContext> = {}): RunContext<AgentRunContext> {
  return new RunContext<AgentRunContext>({
    runId: 'run-1',
    tenantId: 'tenant-a',
    userId: 'user-1',
    conversationId: null,
    requestMessage: 'hi',
    environment: 'test',
    ...overrides,
  });
}

const conversations = createInMemoryConversationSearch([
  ...Array.from({ length: 7 }, (_, i) => ({
    id: `conv-${i + 1}`,
    tenantId: 'tenant-a',
    text: `Quarterly budget review part ${i + 1}`,
  })),
  { id: 'conv-other', tenantId: 'tenant-b', text: 'Budget of another tenant' },
  { id: 'conv-private', tenantId: 'tenant-a', userId: 'user-2', text: 'Budget notes of user 2' },
]);

describe('get_current_time', () => {
  it('formats the injected clock as UTC', async () => {
    const clock = () => new Date('2024-02-29T23:05:09.123+02:00');
    const output = await createCurrentTimeTool(clock).invoke(runContext(), '{}');
    expect(output).toBe('2024-02-29 21:05:09 UTC');
    expect(formatUtcTimestamp(new Date(Date.UTC(1999, 11, 31, 0, 0, 0)))).toBe('1999-12-31 00:00:00 UTC');
  });
});

describe('search_conversations', () => {
  const searchTool = createSearchConversationsTool(conversations);

  it("returns the count and the top 5 of the caller's tenant", async () => {
    const output = await searchTool.invoke(runContext(), JSON.stringify({ query: 'budget' }));
    const lines = String(output).split('\n');
    expect(lines[0]).toBe('Found 7 conversation(s) matching "budget".');
    expect(lines.slice(1)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `conv-${n}: Quarterly budget review part ${n}`),
    );
    expect(output).not.toContain('conv-other');
    expect(output).not.toContain('conv-private');
  });

  it('says so when nothing matches', async () => {
    expect(await searchTool.invoke(runContext(), JSON.stringify({ query: 'holiday' }))).toBe(
      'No conversations matched "holiday".',
    );
  });

  it('refuses to search without a tenant context', async () => {
    const output = await searchTool.invoke(
      runContext({ tenantId: null }),
      JSON.stringify({ query: 'budget' }),
    );
    expect(output).toMatch(/no tenant context/);
  });

  it('passes limit 20 and the caller scope to the port', async () => {
    const calls: unknown[] = [];
    const recording = createSearchConversationsTool({
      search: async (scope, query, options) => {
        calls.push({ scope, query, options });
        return { total: 0, hits: [] };
      },
    });
    await recording.invoke(runContext({ userId: 'user-9' }), JSON.stringify({ query: 'x' }));
    expect(calls).toEqual([
      { scope: { tenantId: 'tenant-a', userId: 'user-9' }, query: 'x', options: { limit: 20 } },
    ]);
  });
});

describe('builtinToolName (§6.5)', () => {
  it.each([
    ['web_search_call', 'web_search'],
    ['file_search_call', 'file_search'],
    ['code_interpreter_call', 'code_interpreter'],
    ['image_generation_call', 'image_generation'],
  ])('%s → %s', (itemType, name) => {
    expect(builtinToolName(itemType)).toBe(name);
  });

  it('returns null for anything else', () => {
    expect(builtinToolName('function_call')).toBeNull();
    expect(builtinToolName('toString')).toBeNull();
  });
});

describe('toWebSearchUserLocation', () => {
  it('maps shared fields to an approximate location and drops an empty one', () => {
    expect(toWebSearchUserLocation({ city: 'Oslo', region: '', timezone: 'Europe/Oslo' })).toEqual({
      type: 'approximate',
      city: 'Oslo',
      timezone: 'Europe/Oslo',
    });
    expect(toWebSearchUserLocation({ city: '' })).toBeUndefined();
    expect(toWebSearchUserLocation(undefined)).toBeUndefined();
  });
});
