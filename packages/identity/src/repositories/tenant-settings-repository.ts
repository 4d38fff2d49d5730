import type { TenantId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { IdentityDatabase, TenantSettingsRow } from '../schema/identity-database.js';
import { type JsonObject, jsonText } from '../schema/json-column.js';
import type { BillingContact, TenantFlags } from '../schema/tenants-tables.js';

/** The full, replaceable content of a tenant's settings (PUT /tenants/settings). */
export interface TenantSettingsContent {
  billing_contacts: BillingContact[];
  billing_webhook_url: string | null;
  plan_metadata: JsonObject;
  flags: TenantFlags;
}

/** Data access for `tenant_settings`, with optimistic concurrency on `version`. */
export interface TenantSettingsRepository {
  get(tenantId: TenantId): Promise<TenantSettingsRow | undefined>;
  /**
   * Replaces the settings if their version is still `expectedVersion`, bumping it by one. Returns null
   * on a version mismatch (or a missing tenant): the caller answers 409 and the client re-reads.
   */
  replace(
    tenantId: TenantId,
    expectedVersion: number,
    content: TenantSettingsContent,
  ): Promise<TenantSettingsRow | null>;
}

/** Creates the tenant settings repository over an identity database (or a transaction on one). */
export function createTenantSettingsRepository(db: Kysely<IdentityDatabase>): TenantSettingsRepository {
  return {
    get: (tenantId) =>
      db.selectFrom('tenant_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst(),

    replace: async (tenantId, expectedVersion, content) => {
      const row = await db
        .updateTable('tenant_settings')
        .set((eb) => ({
          billing_contacts: jsonText(content.billing_contacts),
          billing_webhook_url: content.billing_webhook_url,
          plan_metadata: jsonText(content.plan_metadata),
          flags: jsonText(content.flags),
          version: eb('version', '+', 1),
          updated_at: sql<Date>`now()`,
        }))
        .where('tenant_id', '=', tenantId)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      return row ?? null;
    },
  };
}
