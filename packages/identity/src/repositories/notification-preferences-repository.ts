import type { TenantId, UserId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { IdentityDatabase, NotificationPreferenceRow } from '../schema/identity-database.js';

/** One channel/category preference; `tenantId: null` applies across tenants. */
export interface NotificationPreferenceInput {
  tenantId: TenantId | null;
  channel: string;
  category: string;
  enabled: boolean;
}

/** Data access for `user_notification_preferences`. */
export interface NotificationPreferencesRepository {
  /** Inserts or updates the preference for (user, tenant, channel, category). */
  upsert(userId: UserId, preference: NotificationPreferenceInput): Promise<NotificationPreferenceRow>;
  /** The user's preferences for one tenant plus the cross-tenant (null tenant) ones. */
  list(userId: UserId, tenantId: TenantId | null): Promise<NotificationPreferenceRow[]>;
}

/** Creates the notification preferences repository over an identity database (or a transaction on one). */
export function createNotificationPreferencesRepository(
  db: Kysely<IdentityDatabase>,
): NotificationPreferencesRepository {
  return {
    upsert: (userId, preference) =>
      db
        .insertInto('user_notification_preferences')
        .values({
          user_id: userId,
          tenant_id: preference.tenantId,
          channel: preference.channel,
          category: preference.category,
          enabled: preference.enabled,
        })
        // The unique key is NULLS NOT DISTINCT, so a null tenant conflicts too.
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'tenant_id', 'channel', 'category'])
            .doUpdateSet((eb) => ({ enabled: eb.ref('excluded.enabled'), updated_at: sql<Date>`now()` })),
        )
        .returningAll()
        .executeTakeFirstOrThrow(),

    list: (userId, tenantId) =>
      db
        .selectFrom('user_notification_preferences')
        .selectAll()
        .where('user_id', '=', userId)
        .where((eb) =>
          tenantId === null
            ? eb('tenant_id', 'is', null)
            : eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', tenantId)]),
        )
        .orderBy('channel')
        .orderBy('category')
        .orderBy('tenant_id', (ob) => ob.nullsFirst())
        .execute(),
  };
}
