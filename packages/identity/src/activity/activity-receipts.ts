import { AppError, type Clock } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { ActivityReader } from './activity-reader.js';
import { countUnread } from './activity-unread-count.js';

/** A user's read receipts on their tenant's activity (spec §1.15); each call answers the new unread count. */
export interface ActivityReceipts {
  /** Marks one event read; NotFound when the event is not in the reader's tenant. */
  markRead(reader: ActivityReader, eventId: number): Promise<number>;
  /** Dismisses one event (dismissed counts as read); NotFound as for `markRead`. */
  dismiss(reader: ActivityReader, eventId: number): Promise<number>;
  /** Moves the reader's last-seen marker to the tenant's newest event. */
  markAllRead(reader: ActivityReader): Promise<number>;
  unreadCount(reader: ActivityReader): Promise<number>;
}

/** What the receipts run on. */
export interface ActivityReceiptsDeps {
  db: Kysely<IdentityDatabase>;
  clock: Clock;
}

const notFound = () => new AppError('NotFound', 'Activity event not found.');

/** Creates the receipt writer. */
export function createActivityReceipts(deps: ActivityReceiptsDeps): ActivityReceipts {
  const { db, clock } = deps;

  // Another tenant's event is "not found", never "forbidden": its existence is not revealed.
  async function requireOwnEvent(reader: ActivityReader, eventId: number): Promise<void> {
    const found = await db
      .selectFrom('activity_events')
      .select('id')
      .where('id', '=', eventId)
      .where('tenant_id', '=', reader.tenantId)
      .executeTakeFirst();
    if (found === undefined) throw notFound();
  }

  async function upsert(reader: ActivityReader, eventId: number, dismiss: boolean): Promise<number> {
    await requireOwnEvent(reader, eventId);
    const now = clock.date();
    // First marks win, so a repeated call never moves the recorded time.
    await db
      .insertInto('activity_event_receipts')
      .values({
        tenant_id: reader.tenantId,
        user_id: reader.userId,
        event_id: eventId,
        read_at: now,
        dismissed_at: dismiss ? now : null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'event_id']).doUpdateSet({
          read_at: sql`coalesce(activity_event_receipts.read_at, excluded.read_at)`,
          dismissed_at: sql`coalesce(activity_event_receipts.dismissed_at, excluded.dismissed_at)`,
          updated_at: now,
        }),
      )
      .execute();
    return countUnread(db, reader);
  }

  return {
    markRead: (reader, eventId) => upsert(reader, eventId, false),
    dismiss: (reader, eventId) => upsert(reader, eventId, true),
    async markAllRead(reader) {
      const newest = await db
        .selectFrom('activity_events')
        .select((eb) => eb.fn.max('id').as('newest'))
        .where('tenant_id', '=', reader.tenantId)
        .executeTakeFirst();
      const lastEventId = Number(newest?.newest ?? 0);
      const now = clock.date();
      // greatest(): a slower concurrent call never moves the marker back.
      await db
        .insertInto('activity_last_seen')
        .values({
          tenant_id: reader.tenantId,
          user_id: reader.userId,
          last_event_id: lastEventId,
          last_seen_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'user_id']).doUpdateSet({
            last_event_id: sql`greatest(activity_last_seen.last_event_id, excluded.last_event_id)`,
            last_seen_at: now,
          }),
        )
        .execute();
      return countUnread(db, reader);
    },
    unreadCount: (reader) => countUnread(db, reader),
  };
}
