import { AppError, asId, type TenantId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import { isUuid } from '../repositories/is-uuid.js';
import { createTenantSettingsRepository } from '../repositories/tenant-settings-repository.js';
import type { IdentityDatabase, TenantSettingsRow } from '../schema/identity-database.js';
import type { TenantFlags } from '../schema/tenants-tables.js';
import { FEATURE_FLAG_PREFIX } from '../tenant-admin/tenant-settings-service.js';
import { type FeatureKey, KNOWN_FEATURE_KEYS, type PutTenantFeaturesBody } from './platform-schemas.js';

/** GET/PUT /platform/tenants/{id}/features payload: only the overrides that are set. */
export interface TenantFeaturesPayload {
  tenant_id: TenantId;
  flags: Partial<Record<FeatureKey, boolean>>;
}

/** Operator entitlement overrides, stored as `feature.<key>` flags in tenant settings. */
export interface PlatformFeatures {
  getFeatures(tenantId: string): Promise<TenantFeaturesPayload>;
  /** Sets (`true`/`false`) or clears (`null`) overrides; keys left out are unchanged. */
  putFeatures(tenantId: string, body: PutTenantFeaturesBody): Promise<TenantFeaturesPayload>;
}

const MAX_ATTEMPTS = 5;

function overrides(row: TenantSettingsRow): TenantFeaturesPayload {
  const flags: Partial<Record<FeatureKey, boolean>> = {};
  for (const key of KNOWN_FEATURE_KEYS) {
    const value = row.flags[`${FEATURE_FLAG_PREFIX}${key}`];
    if (typeof value === 'boolean') flags[key] = value;
  }
  return { tenant_id: row.tenant_id, flags };
}

/** Creates the feature-override routes; writes go through the settings version, so none is lost. */
export function createPlatformFeatures(deps: { db: Kysely<IdentityDatabase> }): PlatformFeatures {
  const settings = createTenantSettingsRepository(deps.db);

  const load = async (tenantId: string) => {
    const row = isUuid(tenantId) ? await settings.get(asId<'TenantId'>(tenantId)) : undefined;
    if (!row) throw new AppError('NotFound', 'Tenant not found.');
    return row;
  };

  return {
    getFeatures: async (tenantId) => overrides(await load(tenantId)),

    async putFeatures(tenantId, body) {
      // Retried on a concurrent settings write rather than surfacing a 409: operators send no If-Match.
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const current = await load(tenantId);
        const flags: TenantFlags = { ...current.flags };
        for (const key of KNOWN_FEATURE_KEYS) {
          const value = body.flags[key];
          if (value === undefined) continue;
          if (value === null) delete flags[`${FEATURE_FLAG_PREFIX}${key}`];
          else flags[`${FEATURE_FLAG_PREFIX}${key}`] = value;
        }
        const row = await settings.replace(current.tenant_id, current.version, {
          billing_contacts: current.billing_contacts,
          billing_webhook_url: current.billing_webhook_url,
          plan_metadata: current.plan_metadata,
          flags,
        });
        if (row) return overrides(row);
      }
      throw new AppError('Conflict', 'Tenant settings are changing too fast; retry.');
    },
  };
}
