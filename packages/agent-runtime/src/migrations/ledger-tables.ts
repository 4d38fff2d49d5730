import type { PublicSseEvent } from '@starter/contracts';
import type { ColumnType, GeneratedAlways } from 'kysely';

/** A `timestamptz not null default now()` column. */
type CreatedAt = ColumnType<Date, Date | undefined, Date>;

/** JSON text in, parsed frame out: the `pg` driver parses `jsonb` on read. */
export type FrameJson = ColumnType<PublicSseEvent | null, string | null, string | null>;

/**
 * `conversation_ledger_events` (spec §2.7): one persisted `public_sse_v1` frame, its envelope as columns
 * and its payload inline (`payload_json`) or spilled gzipped to object storage (`payload_object_key`).
 */
export interface ConversationLedgerEventsTable {
  id: GeneratedAlways<number>;
  tenant_id: string;
  conversation_id: string;
  segment_index: number;
  message_position: number | null;
  run_id: string | null;
  schema_version: string;
  kind: string;
  stream_id: string;
  event_id: number;
  server_timestamp: ColumnType<Date, string, string>;
  response_id: string | null;
  agent: string | null;
  workflow_run_id: string | null;
  provider_sequence_number: number | null;
  output_index: number | null;
  item_id: string | null;
  content_index: number | null;
  tool_call_id: string | null;
  payload_size_bytes: number;
  payload_json: FrameJson;
  payload_object_key: string | null;
  payload_sha256: string | null;
  created_at: CreatedAt;
}

/** `conversation_ledger_segments`: truncation lineage; see `ledger/ledger-segments.ts` for the model. */
export interface ConversationLedgerSegmentsTable {
  tenant_id: string;
  conversation_id: string;
  segment_index: number;
  parent_segment_index: number | null;
  /** Null while the segment is open; else the last message position whose frames stay visible. */
  visible_through_message_position: number | null;
  truncated_at: Date | null;
  created_at: CreatedAt;
}

/** Tables of migration 0004_ledger (Kysely table types). */
export interface LedgerTables {
  conversation_ledger_events: ConversationLedgerEventsTable;
  conversation_ledger_segments: ConversationLedgerSegmentsTable;
}
