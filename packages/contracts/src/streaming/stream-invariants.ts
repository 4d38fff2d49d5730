import type { ChunkTarget } from './chunk-events.js';
import { PUBLIC_SSE_SCHEMA } from './envelope.js';
import { isTerminalEvent, type PublicSseEvent } from './public-sse-event.js';

// Scoped (agent-as-tool) events keep their own projection state (§2.5): the agent-tool fixture restarts
// `output_index` at 0 inside the scope. Their provider events come from a separate model response, so
// sequence numbers and chunk sequences are tracked per scope.
function scopeKey(event: PublicSseEvent): string {
  const scope = 'scope' in event ? event.scope : undefined;
  return scope ? `${scope.type}:${scope.tool_call_id}` : 'root';
}

function chunkKey(event: PublicSseEvent, target: ChunkTarget): string {
  return [scopeKey(event), target.entity_kind, target.entity_id, target.field, target.part_index ?? ''].join(
    '|',
  );
}

/**
 * Checks the ordering and terminal invariants of one complete stream (§2.5, §12.2 behaviour 16) and
 * returns one message per violation; an empty array means the stream is valid.
 *
 * - exactly one terminal (`final`/`error`), and it is the last event;
 * - `event_id` starts at 1 and grows by exactly 1 (one counter shared with scoped sub-streams);
 * - one `stream_id`, one `conversation_id`, and the `public_sse_v1` schema on every event;
 * - `provider_sequence_number`, when present, never decreases within one provider response of one
 *   scope (each model response, and each nested agent run, numbers its events from 0);
 * - every `chunk.delta` sequence is numbered from 0 and closed by a `chunk.done`.
 */
export function checkStreamInvariants(events: readonly PublicSseEvent[]): string[] {
  const first = events[0];
  if (!first) return ['stream is empty: it must end with exactly one terminal event'];

  const problems: string[] = [];
  const lastSequence = new Map<string, number>();
  const openChunks = new Map<string, number>();
  let terminals = 0;
  let previousId: number | undefined;

  events.forEach((event, position) => {
    const at = `event[${position}] (event_id ${event.event_id}, ${event.kind})`;
    if (event.schema !== PUBLIC_SSE_SCHEMA) {
      problems.push(`${at}: schema ${JSON.stringify(event.schema)} is not "${PUBLIC_SSE_SCHEMA}"`);
    }
    if (previousId === undefined ? event.event_id !== 1 : event.event_id !== previousId + 1) {
      const expected = previousId === undefined ? 1 : previousId + 1;
      problems.push(`${at}: event_id must be ${expected}`);
    }
    previousId = event.event_id;
    if (event.stream_id !== first.stream_id) {
      problems.push(`${at}: stream_id ${event.stream_id} differs from ${first.stream_id}`);
    }
    if (event.conversation_id !== first.conversation_id) {
      problems.push(`${at}: conversation_id ${event.conversation_id} differs from ${first.conversation_id}`);
    }

    if (event.provider_sequence_number !== undefined) {
      const key = `${scopeKey(event)}|${event.response_id ?? ''}`;
      const last = lastSequence.get(key);
      if (last !== undefined && event.provider_sequence_number < last) {
        problems.push(`${at}: provider_sequence_number ${event.provider_sequence_number} is below ${last}`);
      }
      lastSequence.set(key, event.provider_sequence_number);
    }

    if (event.kind === 'chunk.delta') {
      const key = chunkKey(event, event.target);
      const expected = openChunks.get(key) ?? 0;
      if (event.chunk_index !== expected) {
        problems.push(`${at}: chunk_index ${event.chunk_index} must be ${expected}`);
      }
      openChunks.set(key, event.chunk_index + 1);
    } else if (event.kind === 'chunk.done') {
      const key = chunkKey(event, event.target);
      if (!openChunks.delete(key)) problems.push(`${at}: chunk.done closes no open chunk sequence`);
    }

    if (isTerminalEvent(event)) {
      terminals += 1;
      const after = events.length - 1 - position;
      if (after > 0) problems.push(`${at}: terminal event is followed by ${after} more event(s)`);
    }
  });

  if (terminals !== 1) problems.push(`stream has ${terminals} terminal events, expected exactly 1`);
  for (const key of openChunks.keys()) {
    problems.push(`chunk sequence ${key} is never closed by chunk.done`);
  }
  return problems;
}
