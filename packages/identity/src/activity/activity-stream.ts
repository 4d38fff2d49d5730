import type { KeyValueStore, Logger, TenantId } from '@starter/contracts';
import type { IdentityRow } from '../schema/identity-database.js';

/** Publishes one recorded activity row; never throws (the database row is the record). */
export type ActivityStreamPublisher = (row: IdentityRow<'activity_events'>) => Promise<void>;

/** Spec §11 defaults: a tenant's stream keeps about its 2 048 newest events and expires a day after the last. */
export const ACTIVITY_STREAM_MAX_LENGTH = 2048;
export const ACTIVITY_STREAM_TTL_MS = 86_400_000;

/** The stream of a tenant's activity; platform-level events (no tenant) go to `activity:platform`. */
export function activityStreamKey(tenantId: TenantId | string | null): string {
  return `activity:${tenantId ?? 'platform'}`;
}

/** What `createActivityStreamPublisher` needs. */
export interface ActivityStreamOptions {
  kv: Pick<KeyValueStore, 'appendToStream'>;
  logger?: Logger;
  maxLength?: number;
  ttlMs?: number;
}

/**
 * Creates the publisher of spec §10.3's optional activity stream (`ENABLE_ACTIVITY_STREAM`): one entry
 * per row, field `event` holding the row as JSON without the IP hash and user agent. Publishing is best
 * effort: a KV failure is logged and the event stays recorded. A row written inside a caller's
 * transaction is published before that transaction commits, so a consumer that must never see a rolled
 * back event checks the id against the table.
 */
export function createActivityStreamPublisher(options: ActivityStreamOptions): ActivityStreamPublisher {
  const maxLength = options.maxLength ?? ACTIVITY_STREAM_MAX_LENGTH;
  const ttlMs = options.ttlMs ?? ACTIVITY_STREAM_TTL_MS;
  return async (row) => {
    const { ip_hash: _ip, user_agent: _agent, ...visible } = row;
    const event = { ...visible, id: String(row.id), created_at: row.created_at.toISOString() };
    try {
      await options.kv.appendToStream(
        activityStreamKey(row.tenant_id),
        { event: JSON.stringify(event) },
        { maxLength, ttlMs },
      );
    } catch (error) {
      options.logger?.warn(
        {
          event: 'activity.stream_failed',
          action: row.action,
          reason: error instanceof Error ? error.message : String(error),
        },
        'Activity event not published to the stream',
      );
    }
  };
}
