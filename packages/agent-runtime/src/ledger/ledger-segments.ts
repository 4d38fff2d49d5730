import type { Clock } from '@starter/contracts';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { inTransaction } from '../conversations/in-transaction.js';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';

/*
 * Truncation lineage (spec §2.7, `conversation_ledger_segments`).
 *
 * Every frame row records the conversation's *current* segment when it was written (the highest
 * `segment_index`, 0 while the conversation has no segment rows) and the message position of the turn
 * that produced it. Deleting the user message at position P (`truncate`) does three things, under a
 * per-conversation advisory lock:
 *   1. the current segment is closed (`truncated_at`) and a new one opened with it as parent, so frames of
 *      turns started afterwards, which reuse positions ≥ P, land in a segment that P does not affect;
 *   2. every existing segment gets `visible_through_message_position = min(itself, P - 1)`: a frame in a
 *      closed segment is visible only while its turn's position is ≤ that bound, so the deleted turns and
 *      everything after them disappear, and a later, smaller truncation hides more of the old segments too;
 *   3. nothing is deleted: rows stay for audit and `deleteConversation` removes them for good.
 * A frame is therefore visible iff its segment is open (no row, or a null bound) or its message position
 * is within the bound. Frames without a message position cannot be placed before P, so a closed segment
 * hides them (deleted content must never resurface).
 */

type Db = Kysely<AgentRuntimeTables>;

/** The visibility predicate over `conversation_ledger_events as e` left-joined to segments `as s`. */
export function isVisible(
  eb: ExpressionBuilder<
    {
      e: AgentRuntimeTables['conversation_ledger_events'];
      s: AgentRuntimeTables['conversation_ledger_segments'];
    },
    'e' | 's'
  >,
) {
  return eb.or([
    eb('s.visible_through_message_position', 'is', null),
    eb('e.message_position', '<=', eb.ref('s.visible_through_message_position')),
  ]);
}

/**
 * Closes the current segment at `messagePosition` and opens the next one (see the model above). On a
 * `Transaction` it joins the caller's, and the advisory lock is held until that one ends.
 */
export async function truncateSegments(
  db: Db,
  clock: Clock,
  scope: { tenantId: string; conversationId: string },
  messagePosition: number,
): Promise<void> {
  const { tenantId, conversationId } = scope;
  const bound = messagePosition - 1;
  const now = clock.date();
  await inTransaction(db, async (trx) => {
    // Serialises truncations of one conversation so two cannot both open segment n + 1.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`ledger:${tenantId}:${conversationId}`}, 0))`.execute(
      trx,
    );
    const segments = trx
      .selectFrom('conversation_ledger_segments')
      .where('tenant_id', '=', tenantId)
      .where('conversation_id', '=', conversationId);
    const last = await segments.select((eb) => eb.fn.max('segment_index').as('max')).executeTakeFirst();
    const current = last?.max ?? null;
    const currentIndex = current ?? 0;
    if (current === null) {
      await trx
        .insertInto('conversation_ledger_segments')
        .values({ tenant_id: tenantId, conversation_id: conversationId, segment_index: 0, created_at: now })
        .execute();
    }
    await trx
      .updateTable('conversation_ledger_segments')
      .set({
        visible_through_message_position: sql<number>`least(coalesce(visible_through_message_position, ${bound}), ${bound})`,
      })
      .where('tenant_id', '=', tenantId)
      .where('conversation_id', '=', conversationId)
      .execute();
    await trx
      .updateTable('conversation_ledger_segments')
      .set({ truncated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('conversation_id', '=', conversationId)
      .where('segment_index', '=', currentIndex)
      .execute();
    await trx
      .insertInto('conversation_ledger_segments')
      .values({
        tenant_id: tenantId,
        conversation_id: conversationId,
        segment_index: currentIndex + 1,
        parent_segment_index: currentIndex,
        created_at: now,
      })
      .execute();
  });
}
