import { describe, expect, it } from 'vitest';
import { type PublicSseEvent, PublicSseEventSchema } from './public-sse-event.js';
import { checkStreamInvariants } from './stream-invariants.js';

const scope = { type: 'agent_tool', tool_call_id: 'call_agent', tool_name: 'ask', agent: 'researcher' };
const target = { entity_kind: 'tool_call', entity_id: 'img_1', field: 'partial_image_b64', part_index: 0 };

/** Builds a valid-shaped stream from per-event fields, numbering event_id from 1. */
function stream(...bodies: Record<string, unknown>[]): PublicSseEvent[] {
  return bodies.map((body, i) =>
    PublicSseEventSchema.parse({
      schema: 'public_sse_v1',
      event_id: i + 1,
      stream_id: 'chat_1',
      server_timestamp: '2025-12-15T12:00:00.000Z',
      conversation_id: 'c_1',
      response_id: 'resp_1',
      agent: 'triage',
      ...body,
    }),
  );
}

const delta = (extra: Record<string, unknown> = {}) => ({
  kind: 'message.delta',
  output_index: 0,
  item_id: 'msg_1',
  content_index: 0,
  delta: 'x',
  ...extra,
});
const chunk = (chunk_index: number, extra: Record<string, unknown> = {}) => ({
  kind: 'chunk.delta',
  output_index: 0,
  item_id: 'img_1',
  target,
  encoding: 'base64',
  chunk_index,
  data: 'AAAA',
  ...extra,
});
const chunkDone = (extra: Record<string, unknown> = {}) => ({
  kind: 'chunk.done',
  output_index: 0,
  item_id: 'img_1',
  target,
  ...extra,
});
const final = { kind: 'final', final: { status: 'completed', response_text: 'x', attachments: [] } };
const error = { kind: 'error', error: { message: 'boom', source: 'server', is_retryable: false } };

describe('checkStreamInvariants', () => {
  it('accepts a minimal stream and an error-only stream', () => {
    expect(checkStreamInvariants(stream(delta(), final))).toEqual([]);
    expect(checkStreamInvariants(stream(error))).toEqual([]);
  });

  it('rejects an empty stream and a stream with final and error', () => {
    expect(checkStreamInvariants([])).toEqual([expect.stringMatching(/empty/)]);
    expect(checkStreamInvariants(stream(delta(), error, final))).toEqual([
      expect.stringMatching(/event_id 2, error\): terminal event is followed by 1/),
      'stream has 2 terminal events, expected exactly 1',
    ]);
  });

  it('rejects a schema other than public_sse_v1 even on an unvalidated event', () => {
    const events = stream(delta(), final);
    const foreign = { ...events[0], schema: 'public_sse_v0' } as unknown as PublicSseEvent;
    expect(checkStreamInvariants([foreign, events[1]!])).toEqual([
      expect.stringMatching(/schema "public_sse_v0"/),
    ]);
  });

  describe('provider_sequence_number', () => {
    it('must not decrease within one response of the root stream', () => {
      const ok = stream(
        delta({ provider_sequence_number: 3 }),
        delta({ provider_sequence_number: 3 }),
        final,
      );
      expect(checkStreamInvariants(ok)).toEqual([]);
      const bad = stream(
        delta({ provider_sequence_number: 4 }),
        delta({ provider_sequence_number: 3 }),
        final,
      );
      expect(checkStreamInvariants(bad)).toEqual([
        expect.stringMatching(/provider_sequence_number 3 is below 4/),
      ]);
    });

    it('restarts with each provider response (multi-turn runs, workflow steps)', () => {
      const events = stream(
        delta({ provider_sequence_number: 9 }),
        delta({ response_id: 'resp_2', provider_sequence_number: 0 }),
        final,
      );
      expect(checkStreamInvariants(events)).toEqual([]);
    });

    it('is tracked separately inside an agent-tool scope, as the agent-tool fixture projects it', () => {
      const events = stream(
        delta({ provider_sequence_number: 7 }),
        delta({ scope, provider_sequence_number: 0 }),
        delta({ scope, provider_sequence_number: 2 }),
        delta({ provider_sequence_number: 8 }),
        final,
      );
      expect(checkStreamInvariants(events)).toEqual([]);
      const bad = stream(
        delta({ scope, provider_sequence_number: 2 }),
        delta({ scope, provider_sequence_number: 1 }),
        final,
      );
      expect(checkStreamInvariants(bad)).toEqual([expect.stringMatching(/is below 2/)]);
    });
  });

  describe('chunk sequences', () => {
    it('accept numbered chunks closed by chunk.done, one part after another', () => {
      const part1 = { ...target, part_index: 1 };
      const events = stream(
        chunk(0),
        chunk(1),
        chunkDone(),
        chunk(0, { target: part1 }),
        chunkDone({ target: part1 }),
        final,
      );
      expect(checkStreamInvariants(events)).toEqual([]);
    });

    it('reject a gap in chunk_index', () => {
      expect(checkStreamInvariants(stream(chunk(0), chunk(2), chunkDone(), final))).toEqual([
        expect.stringMatching(/chunk_index 2 must be 1/),
      ]);
    });

    it('reject chunk.done with nothing open and a sequence never closed', () => {
      expect(checkStreamInvariants(stream(chunkDone(), final))).toEqual([
        expect.stringMatching(/closes no open chunk sequence/),
      ]);
      expect(checkStreamInvariants(stream(chunk(0), final))).toEqual([expect.stringMatching(/never closed/)]);
    });

    it('do not let a scoped chunk.done close a root sequence', () => {
      expect(checkStreamInvariants(stream(chunk(0), chunkDone({ scope }), final))).toHaveLength(2);
    });
  });
});
