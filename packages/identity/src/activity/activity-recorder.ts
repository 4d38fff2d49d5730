import type { Clock, TenantId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityActorType, ActivityStatus } from '../schema/activity-tables.js';
import type { IdentityDatabase, IdentityRow } from '../schema/identity-database.js';
import { type JsonObject, jsonText } from '../schema/json-column.js';
import type { RequestOrigin } from '../session-issuing/session-issuer.js';
import { hashIp } from '../sessions/hash-ip.js';
import { type ActivityAction, assertActivityEvent } from './activity-actions.js';
import type { ActivityStreamPublisher } from './activity-stream.js';

export type ActivityEventRow = IdentityRow<'activity_events'>;

/** Who acted; `id` is a user id, a service-account name, or absent for the system. */
export interface ActivityActor {
  type: ActivityActorType;
  id?: string | null;
  role?: string | null;
}

/** What was acted on. */
export interface ActivityObject {
  type: string;
  id?: string | null;
  name?: string | null;
}

/** One activity event; the client IP is hashed by the recorder and never stored as given. */
export interface ActivityEventInput {
  action: ActivityAction;
  /** Null for platform-level events (no tenant involved). */
  tenantId: TenantId | null;
  actor: ActivityActor;
  object?: ActivityObject;
  status?: ActivityStatus;
  /** Where the event came from (`api`, `worker`, …); `api` by default. */
  source?: string;
  /** The request that caused the event; `origin.requestId` when omitted. */
  requestId?: string | null;
  origin?: RequestOrigin;
  metadata?: JsonObject;
}

/** Appends validated events to `activity_events`. */
export interface ActivityRecorder {
  /**
   * Records one event. Pass the caller's transaction as `trx` to make the row part of its unit of
   * work; throws `TypeError` for an unregistered action or metadata keys the registry does not allow.
   */
  record(event: ActivityEventInput, trx?: Kysely<IdentityDatabase>): Promise<ActivityEventRow>;
  /**
   * Records several events in one INSERT, in the given order (their ids ascend); every event is checked
   * first, so one bad event writes none. The rows come back in the same order.
   */
  recordMany(
    events: readonly ActivityEventInput[],
    trx?: Kysely<IdentityDatabase>,
  ): Promise<ActivityEventRow[]>;
}

/** What the recorder runs on. */
export interface ActivityRecorderDeps {
  db: Kysely<IdentityDatabase>;
  clock: Clock;
  /** `AUTH_SESSION_IP_HASH_SALT`: the same key as every other stored IP hash, so they can be correlated. */
  ipHashSalt: string;
  /** Publishes each recorded row to the activity stream (`ENABLE_ACTIVITY_STREAM`); off without one. */
  stream?: ActivityStreamPublisher;
}

// Matches the user-agent bound of the login events.
const MAX_USER_AGENT = 512;

/** Creates the activity recorder. */
export function createActivityRecorder(deps: ActivityRecorderDeps): ActivityRecorder {
  const valuesOf = (event: ActivityEventInput, createdAt: Date) => {
    const ip = event.origin?.ip ?? null;
    return {
      tenant_id: event.tenantId,
      action: event.action,
      actor_id: event.actor.id ?? null,
      actor_type: event.actor.type,
      actor_role: event.actor.role ?? null,
      object_type: event.object?.type ?? null,
      object_id: event.object?.id ?? null,
      object_name: event.object?.name ?? null,
      status: event.status ?? 'success',
      source: event.source ?? 'api',
      request_id: event.requestId ?? event.origin?.requestId ?? null,
      ip_hash: ip === null ? null : hashIp(deps.ipHashSalt, ip),
      user_agent: event.origin?.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
      metadata: jsonText(event.metadata ?? {}),
      created_at: createdAt,
    };
  };

  const recordMany: ActivityRecorder['recordMany'] = async (events, trx) => {
    if (events.length === 0) return [];
    for (const event of events) assertActivityEvent(event.action, event.metadata ?? {});
    const createdAt = deps.clock.date();
    const rows = await (trx ?? deps.db)
      .insertInto('activity_events')
      .values(events.map((event) => valuesOf(event, createdAt)))
      .returningAll()
      .execute();
    // RETURNING gives no order guarantee: the ids (a sequence, taken in VALUES order) restore it.
    rows.sort((a, b) => a.id - b.id);
    for (const row of rows) await deps.stream?.(row);
    return rows;
  };

  return {
    async record(event, trx) {
      const [row] = await recordMany([event], trx);
      return row as ActivityEventRow;
    },
    recordMany,
  };
}
