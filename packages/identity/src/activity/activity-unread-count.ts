import { type Kysely, sql } from 'kysely';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { ActivityReader } from './activity-reader.js';

/** The reader's "mark all read" position (0 when they never marked all). */
export async function lastSeenEventId(db: Kysely<IdentityDatabase>, reader: ActivityReader): Promise<number> {
  const row = await db
    .selectFrom('activity_last_seen')
    .select('last_event_id')
    .where('tenant_id', '=', reader.tenantId)
    .where('user_id', '=', reader.userId)
    .executeTakeFirst();
  return row === undefined ? 0 : Number(row.last_event_id);
}

/** Events of the reader's tenant past their last-seen marker with neither a read nor a dismiss receipt. */
export async function countUnread(db: Kysely<IdentityDatabase>, reader: ActivityReader): Promise<number> {
  const seen = await lastSeenEventId(db, reader);
  const row = await db
    .selectFrom('activity_events as e')
    .select(sql<number>`count(*)::int`.as('unread'))
    .where('e.tenant_id', '=', reader.tenantId)
    .where('e.id', '>', seen)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('activity_event_receipts as r')
            .select(sql.lit(1).as('one'))
            .whereRef('r.event_id', '=', 'e.id')
            .where('r.user_id', '=', reader.userId)
            .where((inner) =>
              inner.or([inner('r.read_at', 'is not', null), inner('r.dismissed_at', 'is not', null)]),
            ),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.unread);
}
