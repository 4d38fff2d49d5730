import {
  AppError,
  type Clock,
  type Logger,
  type ObjectStorage,
  type PublicSseEvent,
} from '@starter/contracts';
import type { Kysely, Transaction } from 'kysely';
import { inTransaction } from '../conversations/in-transaction.js';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import { createGroupCommitter, type GroupCommitStats } from './group-commit.js';
import { decodeLedgerCursor, encodeLedgerCursor } from './ledger-cursor.js';
import { writeLedgerRows } from './ledger-insert.js';
import { ledgerConversationPrefix, ledgerObjectKey } from './ledger-object-key.js';
import { DEFAULT_MAX_INLINE_BYTES, gunzipPayload, gzipPayload, isJsonbUnsafe } from './ledger-payload.js';
import { type LedgerPayload, type LedgerRowValues, type StoredLedgerRow, toLedgerRow } from './ledger-row.js';
import { assertAppendable, assertLedgerScope, assertPosition } from './ledger-scope.js';
import { isVisible, truncateSegments } from './ledger-segments.js';
import type { LedgerEntry, LedgerStore } from './ledger-store.js';

export interface KyselyLedgerStoreOptions {
  /** Where spilled (large) frames go, gzipped, under `ledger/<tenant>/…`. */
  storage: ObjectStorage;
  clock?: Clock;
  /** Frames whose JSON is larger are spilled to storage. Default 1 MiB (spec §2.7). */
  maxInlineBytes?: number;
  logger?: Logger;
  /** Most rows per group-commit INSERT. Default 500. */
  maxBatchSize?: number;
  /** Most inline payload bytes per INSERT. Default 16 MiB. */
  maxBatchBytes?: number;
  /**
   * INSERTs in flight at once, each on its own lane; a conversation's frames always take the same lane,
   * so they commit in append order. Default 1: on PGlite (one session) more cannot help, and on a
   * small Postgres host (2 cores, server local) 2–4 lanes measured slower than one lingering lane.
   * Raise it for a remote or larger server whose round trip, not its CPU, bounds the write rate.
   */
  commitLanes?: number;
  /**
   * How long (ms) an idle lane lets its first frame wait for others before writing, so frames from
   * timers firing within that window share one INSERT. Default 0: the next turn of the event loop.
   */
  commitLingerMs?: number;
}

/** A `LedgerStore` that owns a group-commit queue, so the app flushes it on shutdown. */
export interface KyselyLedgerStore extends LedgerStore {
  /** Resolves once every append issued so far is committed (or failed). */
  flush(): Promise<void>;
  /** Rejects later appends and flushes the queue. */
  close(): Promise<void>;
  /** Appends written and INSERTs issued (group-commit efficiency). */
  stats(): GroupCommitStats;
  /**
   * Truncation and deletion on `trx`, a caller's transaction: the segment lock and every row write
   * commit or roll back with it. Call `flush()` before opening the transaction: the queue writes through
   * the store's own handle, which would wait on the transaction's locks (on a single-session database,
   * on the transaction itself).
   */
  withTransaction(trx: Transaction<AgentRuntimeTables>): LedgerTransaction;
}

/** The ledger's writes inside a caller's transaction (see `KyselyLedgerStore.withTransaction`). */
export interface LedgerTransaction {
  /** `LedgerStore.truncate` on the transaction. */
  truncate(scope: { tenantId: string }, conversationId: string, messagePosition: number): Promise<void>;
  /**
   * Deletes the conversation's frames and segments on the transaction. Object storage cannot roll back,
   * so the spilled objects are left to the returned function: call it once the transaction committed.
   */
  deleteConversation(scope: { tenantId: string }, conversationId: string): Promise<() => Promise<void>>;
}

/** Replay page size bounds (spec §2.7: default 500, max 1000). */
export const LEDGER_PAGE_MAX = 1000;
const ROW_OVERHEAD_BYTES = 512;
// Every live frame waits for its append (followers get it only once it is durable), so the linger is
// paid by every frame of a quiet lane. Measured with `pnpm bench:chat` on Postgres (2 cores, server
// local): at 20 streams the added latency per frame was p50 3.9–4.9 ms with 0 against 6.0–6.3 ms with 2;
// at 200 streams × 20 tokens/s p99 76–78 against 77–91 ms; at 2,000 streams × 1 token/s p99 10.8 s
// against 17.8 s, 1,252 against 1,183 frames/s. Batches still form without it: items that arrive
// while an INSERT is in flight make up the next one, so the write rate did not drop.
const DEFAULT_COMMIT_LINGER_MS = 0;
const SPILL_READ_CONCURRENCY = 4;
const DELETE_CONCURRENCY = 8;
const SYSTEM_CLOCK: Clock = { now: () => Date.now(), date: () => new Date() };

type Db = Kysely<AgentRuntimeTables>;

/**
 * The durable ledger on `conversation_ledger_events` / `_segments` (spec §2.7). Appends are group
 * committed: thousands of concurrent streams share one multi-row INSERT per round trip. Every read is
 * scoped by tenant; truncated turns are hidden by segment (see `ledger-segments.ts`).
 */
export function createKyselyLedgerStore(db: Db, options: KyselyLedgerStoreOptions): KyselyLedgerStore {
  const { storage, logger } = options;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const maxInlineBytes = options.maxInlineBytes ?? DEFAULT_MAX_INLINE_BYTES;
  if (!Number.isInteger(maxInlineBytes) || maxInlineBytes < 0) {
    throw new RangeError('maxInlineBytes must be a non-negative integer.');
  }

  const committer = createGroupCommitter<LedgerRowValues>({
    maxBatchSize: options.maxBatchSize ?? 500,
    maxBatchBytes: options.maxBatchBytes ?? 16 * 1024 * 1024,
    sizeOf: (row) => (row.payload_json?.length ?? 0) + ROW_OVERHEAD_BYTES,
    write: (rows) => writeLedgerRows(db, rows),
    onBatchError: (error, size) => logger?.warn({ err: error, size }, 'ledger.batch_failed'),
    lanes: options.commitLanes ?? 1,
    laneKey: (row) => row.conversation_id,
    lingerMs: options.commitLingerMs ?? DEFAULT_COMMIT_LINGER_MS,
  });

  const spill = async (
    context: { tenantId: string; conversationId: string },
    frame: PublicSseEvent,
    json: string,
  ) => {
    const { body, sha256 } = await gzipPayload(json);
    const objectKey = ledgerObjectKey(
      context.tenantId,
      context.conversationId,
      frame.stream_id,
      frame.event_id,
    );
    await storage.put(objectKey, body, { contentType: 'application/gzip', metadata: { sha256 } });
    return { objectKey, sha256 };
  };

  const decode = async (row: StoredLedgerRow): Promise<PublicSseEvent> => {
    if (row.payload_json !== null) return row.payload_json;
    const object = row.payload_object_key === null ? null : await storage.get(row.payload_object_key);
    try {
      if (!object || row.payload_sha256 === null) throw new Error('object missing');
      return (await gunzipPayload(object.body, {
        sha256: row.payload_sha256,
        sizeBytes: row.payload_size_bytes,
      })) as PublicSseEvent;
    } catch (cause) {
      logger?.error({ err: cause, rowId: row.id }, 'ledger.payload_corrupted');
      throw new AppError('InternalServerError', 'A ledger frame could not be read.', {
        details: { row_id: row.id },
        cause,
      });
    }
  };
  const decodeAll = (rows: readonly StoredLedgerRow[]) => mapLimit(rows, SPILL_READ_CONCURRENCY, decode);

  const truncateOn = async (
    handle: Db,
    scope: { tenantId: string },
    conversationId: string,
    messagePosition: number,
  ) => {
    assertLedgerScope(scope.tenantId, conversationId);
    assertPosition(messagePosition, 'A message position');
    await truncateSegments(handle, clock, { tenantId: scope.tenantId, conversationId }, messagePosition);
  };

  /** Deletes the rows and segments (in one transaction, or the caller's); returns the spilled keys. */
  const deleteRowsOn = (handle: Db, scope: { tenantId: string }, conversationId: string) => {
    assertLedgerScope(scope.tenantId, conversationId);
    return inTransaction(handle, async (trx) => {
      const spilled = await trx
        .deleteFrom('conversation_ledger_events')
        .where('tenant_id', '=', scope.tenantId)
        .where('conversation_id', '=', conversationId)
        .returning('payload_object_key')
        .execute();
      await trx
        .deleteFrom('conversation_ledger_segments')
        .where('tenant_id', '=', scope.tenantId)
        .where('conversation_id', '=', conversationId)
        .execute();
      return spilled.flatMap((row) => (row.payload_object_key ? [row.payload_object_key] : []));
    });
  };

  // Objects go after the rows commit: a failure leaves orphans, never rows pointing at nothing. The
  // listing also catches objects whose INSERT failed after the upload.
  const deleteObjects = async (
    scope: { tenantId: string },
    conversationId: string,
    keys: readonly string[],
  ) => {
    const listed = await storage.list(ledgerConversationPrefix(scope.tenantId, conversationId));
    await mapLimit([...new Set([...keys, ...listed])], DELETE_CONCURRENCY, (key) => storage.delete(key));
  };

  return {
    async append(context, frame, serialized) {
      assertAppendable(context, frame);
      const json = serialized ?? JSON.stringify(frame);
      const sizeBytes = Buffer.byteLength(json, 'utf8');
      const payload: LedgerPayload =
        sizeBytes > maxInlineBytes || isJsonbUnsafe(json) ? await spill(context, frame, json) : { json };
      await committer.submit(toLedgerRow(context, frame, sizeBytes, payload));
    },

    async streamFrames(scope, streamId, afterEventId) {
      assertLedgerScope(scope.tenantId);
      assertPosition(afterEventId, 'afterEventId');
      const rows = await db
        .selectFrom('conversation_ledger_events')
        .select(['id', 'payload_size_bytes', 'payload_json', 'payload_object_key', 'payload_sha256'])
        .where('tenant_id', '=', scope.tenantId)
        .where('stream_id', '=', streamId)
        .where('event_id', '>', afterEventId)
        .orderBy('event_id')
        .orderBy('id')
        .execute();
      return decodeAll(rows);
    },

    async conversationFrames(scope, conversationId, query) {
      assertLedgerScope(scope.tenantId, conversationId);
      const limit = Math.min(Math.max(Math.trunc(query.limit) || 1, 1), LEDGER_PAGE_MAX);
      const { workflowRunId } = query;
      let afterId = 0;
      if (query.cursor !== undefined) {
        afterId = decodeLedgerCursor(query.cursor);
        // The anchor must be a row of this list: a cursor minted elsewhere is a client bug, not a page.
        const anchor = await db
          .selectFrom('conversation_ledger_events')
          .select('id')
          .where('id', '=', afterId)
          .where('tenant_id', '=', scope.tenantId)
          .where('conversation_id', '=', conversationId)
          .$if(workflowRunId !== undefined, (qb) => qb.where('workflow_run_id', '=', workflowRunId ?? ''))
          .executeTakeFirst();
        if (!anchor) {
          throw new AppError(
            'BadRequest',
            workflowRunId === undefined
              ? 'Cursor does not belong to this conversation.'
              : 'Cursor does not belong to this workflow run.',
          );
        }
      }
      const rows = await db
        .selectFrom('conversation_ledger_events as e')
        .leftJoin('conversation_ledger_segments as s', (join) =>
          join
            .onRef('s.tenant_id', '=', 'e.tenant_id')
            .onRef('s.conversation_id', '=', 'e.conversation_id')
            .onRef('s.segment_index', '=', 'e.segment_index'),
        )
        .select([
          'e.id',
          'e.payload_size_bytes',
          'e.payload_json',
          'e.payload_object_key',
          'e.payload_sha256',
        ])
        .where('e.tenant_id', '=', scope.tenantId)
        .where('e.conversation_id', '=', conversationId)
        .where('e.id', '>', afterId)
        .$if(workflowRunId !== undefined, (qb) => qb.where('e.workflow_run_id', '=', workflowRunId ?? ''))
        .where(isVisible)
        .orderBy('e.id')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const frames = await decodeAll(page);
      const items: LedgerEntry[] = page.map((row, index) => ({
        rowId: row.id,
        frame: frames[index] as PublicSseEvent,
      }));
      const last = page.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeLedgerCursor(last.id) : null };
    },

    async truncate(scope, conversationId, messagePosition) {
      // Frames appended before the truncation belong to the segment it closes.
      await committer.flush();
      await truncateOn(db, scope, conversationId, messagePosition);
    },

    async deleteConversation(scope, conversationId) {
      assertLedgerScope(scope.tenantId, conversationId);
      await committer.flush();
      const keys = await deleteRowsOn(db, scope, conversationId);
      await deleteObjects(scope, conversationId, keys);
    },

    withTransaction(trx) {
      if (!trx.isTransaction) throw new TypeError('withTransaction needs a Kysely transaction.');
      return {
        truncate: (scope, conversationId, messagePosition) =>
          truncateOn(trx, scope, conversationId, messagePosition),
        async deleteConversation(scope, conversationId) {
          const keys = await deleteRowsOn(trx, scope, conversationId);
          return () => deleteObjects(scope, conversationId, keys);
        },
      };
    },

    flush: () => committer.flush(),
    close: () => committer.close(),
    stats: () => committer.stats(),
  };
}

/** `Promise.all` over `items` with at most `limit` calls in flight, results in input order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
