import { describe, expect, it } from 'vitest';
import { PUBLIC_SSE_LIMITS } from './limits.js';
import {
  isTerminalEvent,
  PUBLIC_SSE_EVENT_KINDS,
  PUBLIC_SSE_NON_ITEM_KINDS,
  PUBLIC_SSE_TERMINAL_KINDS,
  PublicSseEventSchema,
} from './public-sse-event.js';
import { TOOL_STATUSES, type ToolType } from './tool-state.js';

const envelope = {
  schema: 'public_sse_v1',
  event_id: 1,
  stream_id: 'chat_0f8fad5bd9cb469fa16570867728950e',
  server_timestamp: '2025-12-15T12:00:00.000Z',
  conversation_id: 'c_1',
  response_id: 'resp_1',
  agent: 'triage',
};
const item = { ...envelope, output_index: 0, item_id: 'item_1' };
const accepts = (event: unknown) => PublicSseEventSchema.safeParse(event).success;

const TOOL_FIELDS: Record<ToolType, Record<string, unknown>> = {
  web_search: {},
  file_search: {},
  code_interpreter: {},
  image_generation: {},
  function: { name: 'get_time' },
  mcp: { tool_name: 'search' },
  agent: { name: 'ask_researcher' },
};
const toolStatus = (tool: Record<string, unknown>) => ({ ...item, kind: 'tool.status', tool });
const long = (length: number) => 'x'.repeat(length);

describe('PublicSseEventSchema', () => {
  it('has the 23 kinds of spec §2.3, two of them terminal', () => {
    expect(PUBLIC_SSE_EVENT_KINDS).toHaveLength(23);
    expect(new Set(PUBLIC_SSE_EVENT_KINDS).size).toBe(23);
    expect(PUBLIC_SSE_TERMINAL_KINDS).toEqual(['final', 'error']);
    expect(PUBLIC_SSE_NON_ITEM_KINDS.every((kind) => PUBLIC_SSE_EVENT_KINDS.includes(kind))).toBe(true);
    for (const kind of PUBLIC_SSE_EVENT_KINDS) {
      expect(isTerminalEvent({ kind })).toBe(kind === 'final' || kind === 'error');
    }
  });

  it('accepts a chat envelope with null or absent workflow, and a workflow envelope', () => {
    const lifecycle = { ...envelope, kind: 'lifecycle', status: 'in_progress' };
    const workflow = {
      workflow_key: 'analysis_code',
      workflow_run_id: 'run_1',
      stage_name: 'main',
      step_name: 'analysis',
      step_agent: 'researcher',
      parallel_group: null,
      branch_index: null,
    };
    expect(accepts(lifecycle)).toBe(true);
    expect(accepts({ ...lifecycle, workflow: null })).toBe(true);
    expect(accepts({ ...lifecycle, workflow })).toBe(true);
    expect(accepts({ ...lifecycle, workflow: { ...workflow, secret: 1 } })).toBe(false);
  });

  it('requires a UTC timestamp, a positive event_id and the envelope fields', () => {
    const lifecycle = { ...envelope, kind: 'lifecycle', status: 'queued' };
    expect(accepts({ ...lifecycle, server_timestamp: '2025-12-15T12:00:00+01:00' })).toBe(false);
    expect(accepts({ ...lifecycle, event_id: 0 })).toBe(false);
    expect(accepts({ ...lifecycle, event_id: 1.5 })).toBe(false);
    const { conversation_id: _c, ...noConversation } = lifecycle;
    expect(accepts(noConversation)).toBe(false);
    const { response_id: _r, ...noResponse } = lifecycle;
    expect(accepts(noResponse)).toBe(false);
  });

  it('accepts notices and a scope on item events, but no scope on terminal events', () => {
    const scope = { type: 'agent_tool', tool_call_id: 'call_1', tool_name: 'ask', agent: 'researcher' };
    const notices = [
      { type: 'redacted', path: 'arguments_json.api_key', message: 'Sensitive value removed.' },
    ];
    const delta = { ...item, kind: 'message.delta', content_index: 0, delta: 'hi' };
    expect(accepts({ ...delta, scope, notices })).toBe(true);
    expect(accepts({ ...delta, notices: [{ ...notices[0], type: 'dropped' }] })).toBe(false);
    const final = { ...envelope, kind: 'final', final: { status: 'completed', attachments: [] } };
    expect(accepts(final)).toBe(true);
    expect(accepts({ ...final, scope })).toBe(false);
  });

  it('allows each tool type exactly its own statuses', () => {
    const allStatuses = new Set(Object.values(TOOL_STATUSES).flat());
    for (const [toolType, allowed] of Object.entries(TOOL_STATUSES) as [ToolType, readonly string[]][]) {
      for (const status of allStatuses) {
        const tool = { tool_type: toolType, tool_call_id: 'call_1', status, ...TOOL_FIELDS[toolType] };
        expect(accepts(toolStatus(tool)), `${toolType}/${status}`).toBe(allowed.includes(status));
      }
    }
    expect(accepts(toolStatus({ tool_type: 'shell', tool_call_id: 'c', status: 'completed' }))).toBe(false);
  });

  it('enforces the §2.6 limits', () => {
    const results = (n: number, text = 'ok') =>
      Array.from({ length: n }, (_, i) => ({ file_id: `f${i}`, text }));
    const fileSearch = (r: unknown[]) =>
      toolStatus({ tool_type: 'file_search', tool_call_id: 'fs', status: 'completed', results: r });
    expect(accepts(fileSearch(results(10)))).toBe(true);
    expect(accepts(fileSearch(results(11)))).toBe(false);
    expect(accepts(fileSearch(results(1, long(2_000))))).toBe(true);
    expect(accepts(fileSearch(results(1, long(2_001))))).toBe(false);

    const call = { tool_call_id: 'call_1', tool_type: 'function', tool_name: 'f' };
    const done = (text: string, json: unknown) => ({
      ...item,
      ...call,
      kind: 'tool.arguments.done',
      arguments_text: text,
      arguments_json: json,
    });
    expect(accepts(done(long(8_000), { a: [{ b: long(4_000) }] }))).toBe(true);
    expect(accepts(done(long(8_001), {}))).toBe(false);
    expect(accepts(done('{}', { a: [{ b: long(4_001) }] }))).toBe(false);
    const argDelta = (delta: string) => ({ ...item, ...call, kind: 'tool.arguments.delta', delta });
    expect(accepts(argDelta(long(2_000)))).toBe(true);
    expect(accepts(argDelta(long(2_001)))).toBe(false);

    const output = (value: unknown) => ({
      ...item,
      kind: 'tool.output',
      tool_call_id: 'call_1',
      tool_type: 'mcp',
      output: value,
    });
    expect(accepts(output({ deep: { text: long(8_000) } }))).toBe(true);
    expect(accepts(output({ deep: { text: long(8_001) } }))).toBe(false);

    const approval = (reason: string) => ({
      ...item,
      kind: 'tool.approval',
      tool_call_id: 'mcp_1',
      tool_type: 'mcp',
      tool_name: 'search',
      approved: false,
      reason,
    });
    expect(accepts(approval(long(PUBLIC_SSE_LIMITS.approvalReasonChars)))).toBe(true);
    expect(accepts(approval(long(PUBLIC_SSE_LIMITS.approvalReasonChars + 1)))).toBe(false);

    const chunk = (data: string) => ({
      ...item,
      kind: 'chunk.delta',
      target: { entity_kind: 'tool_call', entity_id: 'img_1', field: 'partial_image_b64', part_index: 0 },
      encoding: 'base64',
      chunk_index: 0,
      data,
    });
    expect(accepts(chunk(long(131_072)))).toBe(true);
    expect(accepts(chunk(long(131_073)))).toBe(false);
  });

  it('validates the citation, final and error payloads', () => {
    const citation = (value: unknown) => ({
      ...item,
      kind: 'message.citation',
      content_index: 0,
      citation: value,
    });
    expect(accepts(citation({ type: 'url_citation', start_index: 0, end_index: 3, url: 'https://a' }))).toBe(
      true,
    );
    expect(accepts(citation({ type: 'url_citation', start_index: 0, end_index: 3 }))).toBe(false);
    expect(accepts(citation({ type: 'file_citation', file_id: 'f', index: 2 }))).toBe(true);
    expect(
      accepts(citation({ type: 'container_file_citation', file_id: 'f', start_index: 0, end_index: 1 })),
    ).toBe(false);

    const final = (payload: unknown) => ({ ...envelope, kind: 'final', final: payload });
    expect(accepts(final({ status: 'refused', refusal_text: 'no', attachments: [] }))).toBe(true);
    expect(accepts(final({ status: 'succeeded', attachments: [] }))).toBe(false);
    expect(accepts(final({ status: 'completed' }))).toBe(false);
    const usage = { input_tokens: 1, output_tokens: 2, total_tokens: 3 };
    expect(accepts(final({ status: 'completed', attachments: [], usage }))).toBe(true);
    expect(accepts(final({ status: 'completed', attachments: [], usage: { ...usage, requests: 1 } }))).toBe(
      true,
    );
    expect(accepts(final({ status: 'completed', attachments: [], usage: { input_tokens: 1 } }))).toBe(false);
    expect(
      accepts(final({ status: 'completed', attachments: [{ object_id: 'o', filename: 'a', x: 1 }] })),
    ).toBe(false);

    const error = (payload: unknown) => ({ ...envelope, kind: 'error', error: payload });
    expect(accepts(error({ message: 'boom', source: 'server', is_retryable: false }))).toBe(true);
    expect(accepts(error({ message: 'boom', source: 'server', is_retryable: true }))).toBe(false);
    expect(accepts(error({ message: 'boom', source: 'client', is_retryable: false }))).toBe(false);
  });
});
