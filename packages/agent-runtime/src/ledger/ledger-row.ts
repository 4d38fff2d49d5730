import type { PublicSseEvent } from '@starter/contracts';
import type { LedgerFrameContext } from './ledger-store.js';

/** The insertable columns of one ledger row, before its segment is resolved. */
export interface LedgerRowValues {
  tenant_id: string;
  conversation_id: string;
  message_position: number | null;
  run_id: string | null;
  schema_version: string;
  kind: string;
  stream_id: string;
  event_id: number;
  server_timestamp: string;
  response_id: string | null;
  agent: string | null;
  workflow_run_id: string | null;
  provider_sequence_number: number | null;
  output_index: number | null;
  item_id: string | null;
  content_index: number | null;
  tool_call_id: string | null;
  payload_size_bytes: number;
  payload_json: string | null;
  payload_object_key: string | null;
  payload_sha256: string | null;
}

/** Where a frame's payload lives: inline JSON text, or a spilled object and its digest. */
export type LedgerPayload =
  | { readonly json: string }
  | { readonly objectKey: string; readonly sha256: string };

// Fields that only some kinds carry; read loosely so one mapping covers the whole union.
type LooseFrame = PublicSseEvent & {
  output_index?: unknown;
  item_id?: unknown;
  content_index?: unknown;
  tool_call_id?: unknown;
  tool?: { tool_call_id?: unknown };
};

/** Maps a frame to its row: the envelope as columns (spec §2.7) plus where the payload lives. */
export function toLedgerRow(
  context: LedgerFrameContext,
  frame: PublicSseEvent,
  sizeBytes: number,
  payload: LedgerPayload,
): LedgerRowValues {
  const loose = frame as LooseFrame;
  return {
    tenant_id: context.tenantId,
    conversation_id: context.conversationId,
    message_position: context.messagePosition,
    run_id: context.runId ?? null,
    schema_version: frame.schema,
    kind: frame.kind,
    stream_id: frame.stream_id,
    event_id: frame.event_id,
    server_timestamp: frame.server_timestamp,
    response_id: stringOrNull(frame.response_id),
    agent: stringOrNull(frame.agent),
    workflow_run_id: stringOrNull(frame.workflow?.workflow_run_id),
    provider_sequence_number: frame.provider_sequence_number ?? null,
    output_index: integerOrNull(loose.output_index),
    item_id: stringOrNull(loose.item_id),
    content_index: integerOrNull(loose.content_index),
    tool_call_id: stringOrNull(loose.tool_call_id) ?? stringOrNull(loose.tool?.tool_call_id),
    payload_size_bytes: sizeBytes,
    payload_json: 'json' in payload ? payload.json : null,
    payload_object_key: 'objectKey' in payload ? payload.objectKey : null,
    payload_sha256: 'objectKey' in payload ? payload.sha256 : null,
  };
}

/** The columns a read needs to rebuild a frame. */
export interface StoredLedgerRow {
  id: number;
  payload_size_bytes: number;
  payload_json: PublicSseEvent | null;
  payload_object_key: string | null;
  payload_sha256: string | null;
}

function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

// Postgres text cannot hold NUL; the columns only index the frame (the payload keeps the exact text).
function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value.replaceAll('\u0000', '\ufffd') : null;
}
