import { decodeCursor, encodeCursor } from '@starter/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ActivityActorType, ActivityStatus } from '../schema/activity-tables.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { JsonObject } from '../schema/json-column.js';
import type { ActivityReader, ActivityReadState } from './activity-reader.js';
import { countUnread, lastSeenEventId } from './activity-unread-count.js';

/** Filters and page of `GET /activity` (spec §1.15); every filter is an exact match but the time bounds. */
export interface ActivityFeedQuery {
  limit: number;
  cursor?: string | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  status?: ActivityStatus | undefined;
  requestId?: string | undefined;
  /** Strictly after / before these instants. */
  createdAfter?: Date | undefined;
  createdBefore?: Date | undefined;
}

/** One event as its tenant's members see it: no IP hash or user agent, plus the reader's state. */
export interface ActivityFeedItem {
  /** The bigint id as a string, as in the activity stream. */
  id: string;
  tenant_id: string | null;
  action: string;
  actor_id: string | null;
  actor_type: ActivityActorType;
  actor_role: string | null;
  object_type: string | null;
  object_id: string | null;
  object_name: string | null;
  status: ActivityStatus;
  source: string | null;
  request_id: string | null;
  metadata: JsonObject;
  created_at: string;
  read_state: ActivityReadState;
}

/** A feed page, newest first, with the reader's unread count over the whole feed. */
export interface ActivityFeedPage {
  items: ActivityFeedItem[];
  next_cursor: string | null;
  unread_count: number;
}

// The position of the last item shown: (created_at, id), matching the feed index's order.
const CursorSchema = z.strictObject({ t: z.iso.datetime(), id: z.number().int().positive() });

/** Lists one page of the reader's tenant activity. */
export async function listActivityFeed(
  db: Kysely<IdentityDatabase>,
  reader: ActivityReader,
  query: ActivityFeedQuery,
): Promise<ActivityFeedPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, CursorSchema);
  let select = db
    .selectFrom('activity_events as e')
    .leftJoin('activity_event_receipts as r', (join) =>
      join.onRef('r.event_id', '=', 'e.id').on('r.user_id', '=', reader.userId),
    )
    .select([
      'e.id',
      'e.tenant_id',
      'e.action',
      'e.actor_id',
      'e.actor_type',
      'e.actor_role',
      'e.object_type',
      'e.object_id',
      'e.object_name',
      'e.status',
      'e.source',
      'e.request_id',
      'e.metadata',
      'e.created_at',
      'r.read_at',
      'r.dismissed_at',
    ])
    .where('e.tenant_id', '=', reader.tenantId);
  if (query.action !== undefined) select = select.where('e.action', '=', query.action);
  if (query.actorId !== undefined) select = select.where('e.actor_id', '=', query.actorId);
  if (query.objectType !== undefined) select = select.where('e.object_type', '=', query.objectType);
  if (query.objectId !== undefined) select = select.where('e.object_id', '=', query.objectId);
  if (query.status !== undefined) select = select.where('e.status', '=', query.status);
  if (query.requestId !== undefined) select = select.where('e.request_id', '=', query.requestId);
  if (query.createdAfter !== undefined) select = select.where('e.created_at', '>', query.createdAfter);
  if (query.createdBefore !== undefined) select = select.where('e.created_at', '<', query.createdBefore);
  if (after !== undefined) {
    const at = new Date(after.t);
    select = select.where((eb) =>
      eb.or([eb('e.created_at', '<', at), eb.and([eb('e.created_at', '=', at), eb('e.id', '<', after.id)])]),
    );
  }
  const rows = await select
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const [seen, unread] = await Promise.all([lastSeenEventId(db, reader), countUnread(db, reader)]);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items = page.map(({ read_at, dismissed_at, ...row }): ActivityFeedItem => {
    const id = Number(row.id);
    const readState: ActivityReadState =
      dismissed_at !== null ? 'dismissed' : read_at !== null || id <= seen ? 'read' : 'unread';
    return { ...row, id: String(id), created_at: row.created_at.toISOString(), read_state: readState };
  });
  const nextCursor =
    rows.length > query.limit && last !== undefined
      ? encodeCursor({ t: last.created_at.toISOString(), id: Number(last.id) })
      : null;
  return { items, next_cursor: nextCursor, unread_count: unread };
}
