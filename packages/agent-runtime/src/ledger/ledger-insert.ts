import { AppError, PREPARED_STATEMENT_HINT } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import type { BatchOutcome } from './group-commit.js';
import type { LedgerRowValues } from './ledger-row.js';

type Db = Kysely<AgentRuntimeTables>;

/** Row shape of the batch document, one JSON object per frame; `n` keeps append order. */
const RECORD_COLUMNS =
  sql.raw(`n int, tenant_id uuid, conversation_id text, message_position int, run_id text,
  schema_version text, kind text, stream_id text, event_id int, server_timestamp timestamptz, response_id text,
  agent text, workflow_run_id text, provider_sequence_number bigint, output_index int, item_id text,
  content_index int, tool_call_id text, payload_size_bytes int, payload_json jsonb, payload_object_key text,
  payload_sha256 text`);

const TARGET_COLUMNS =
  sql.raw(`tenant_id, conversation_id, segment_index, message_position, run_id, schema_version,
  kind, stream_id, event_id, server_timestamp, response_id, agent, workflow_run_id, provider_sequence_number,
  output_index, item_id, content_index, tool_call_id, payload_size_bytes, payload_json, payload_object_key,
  payload_sha256`);

/**
 * The batch as one JSON document. Inline payloads are already JSON text and are spliced in as values
 * rather than re-encoded as strings.
 */
function batchDocument(rows: readonly LedgerRowValues[]): string {
  const records = rows.map(({ payload_json, ...columns }, n) => {
    const head = JSON.stringify({ n, ...columns });
    return `${head.slice(0, -1)},"payload_json":${payload_json ?? 'null'}}`;
  });
  return `[${records.join(',')}]`;
}

const eventKey = (conversationId: string, streamId: string, eventId: number) =>
  `${conversationId}\u0000${streamId}\u0000${eventId}`;

const PREPARED = sql.raw(PREPARED_STATEMENT_HINT);

/**
 * One INSERT … SELECT over `json_to_recordset` of a single parameter: a 500-row VALUES list would be
 * ~11,000 bind parameters whose compile and parse cost more than the insert. Each row takes its
 * conversation's current segment as it commits. Duplicates are skipped by the unique key and reported
 * per append as 409. The text never changes, so Postgres keeps it prepared: every live frame waits for
 * this statement, and parsing and planning it was about a third of its time (`pnpm bench:chat
 * --sql-stats`, 20 streams: the INSERT's p50 1.3–1.7 → 0.9–1.4 ms, latency added per frame p50 3.5–4.2 →
 * 2.7–4.0 ms).
 */
export async function insertLedgerRows(db: Db, rows: readonly LedgerRowValues[]): Promise<BatchOutcome[]> {
  const result = await sql<{ conversation_id: string; stream_id: string; event_id: number }>`${PREPARED}
    insert into conversation_ledger_events (${TARGET_COLUMNS})
    select v.tenant_id, v.conversation_id,
      coalesce((select max(s.segment_index) from conversation_ledger_segments s
        where s.tenant_id = v.tenant_id and s.conversation_id = v.conversation_id), 0),
      v.message_position, v.run_id, v.schema_version, v.kind, v.stream_id, v.event_id, v.server_timestamp,
      v.response_id, v.agent, v.workflow_run_id, v.provider_sequence_number, v.output_index, v.item_id,
      v.content_index, v.tool_call_id, v.payload_size_bytes, v.payload_json, v.payload_object_key,
      v.payload_sha256
    from json_to_recordset(${batchDocument(rows)}::json) as v(${RECORD_COLUMNS})
    order by v.n
    on conflict (conversation_id, stream_id, event_id) do nothing
    returning conversation_id, stream_id, event_id`.execute(db);
  const fresh = new Set(result.rows.map((row) => eventKey(row.conversation_id, row.stream_id, row.event_id)));
  return rows.map((row) => {
    if (fresh.delete(eventKey(row.conversation_id, row.stream_id, row.event_id))) return undefined;
    return new AppError('Conflict', 'This frame is already in the ledger.', {
      details: { stream_id: row.stream_id, event_id: row.event_id },
    });
  });
}

/**
 * Writes a batch; when Postgres rejects the data itself (SQLSTATE class 22/23), retries row by row so
 * only the offending appends fail. Other errors (connection, timeout) fail the whole batch.
 */
export async function writeLedgerRows(
  db: Db,
  rows: readonly LedgerRowValues[],
): Promise<readonly BatchOutcome[]> {
  try {
    return await insertLedgerRows(db, rows);
  } catch (error) {
    if (rows.length === 1 || !isDataError(error)) throw error;
    const outcomes: BatchOutcome[] = [];
    for (const row of rows) {
      try {
        outcomes.push(...(await insertLedgerRows(db, [row])));
      } catch (rowError) {
        if (!isDataError(rowError)) throw rowError;
        outcomes.push(rowError instanceof Error ? rowError : new Error(String(rowError)));
      }
    }
    return outcomes;
  }
}

function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
