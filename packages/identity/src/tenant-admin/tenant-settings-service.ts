import { AppError } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { isOperator } from '../authorization/is-operator.js';
import { inTransaction } from '../repositories/in-transaction.js';
import {
  createTenantSettingsRepository,
  type TenantSettingsContent,
} from '../repositories/tenant-settings-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { TenantFlags } from '../schema/tenants-tables.js';
import type { TenantCaller } from './caller-context.js';
import { recordTenantAccountUpdated } from './tenant-account-activity.js';
import type { ReplaceTenantSettingsBody } from './tenant-admin-schemas.js';
import { type TenantSettingsPayload, tenantSettingsPayload } from './tenant-payloads.js';

/** Flags under this prefix are entitlement overrides that only platform operators manage. */
export const FEATURE_FLAG_PREFIX = 'feature.';

/** GET / PUT /tenants/settings with optimistic concurrency. */
export interface TenantSettingsService {
  getSettings(caller: TenantCaller): Promise<TenantSettingsPayload>;
  /**
   * Replaces the settings when `ifMatchVersion` is still current: 428 when it is missing, 409 when it is
   * stale. Non-operators cannot change `feature.*` flags; the stored ones are kept as they are.
   */
  replaceSettings(
    caller: TenantCaller,
    ifMatchVersion: number | undefined,
    body: ReplaceTenantSettingsBody,
  ): Promise<TenantSettingsPayload>;
}

function featureFlags(flags: TenantFlags): Map<string, string> {
  return new Map(
    Object.entries(flags)
      .filter(([key]) => key.startsWith(FEATURE_FLAG_PREFIX))
      .map(([key, value]) => [key, JSON.stringify(value)]),
  );
}

function sameFeatureFlags(submitted: TenantFlags, stored: TenantFlags): boolean {
  const a = featureFlags(submitted);
  const b = featureFlags(stored);
  // Omitting the reserved flags is fine (they are kept); changing or adding one is not.
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

/** The names of the settings fields whose stored content differs. */
function changedFields(before: TenantSettingsContent, after: TenantSettingsContent): string[] {
  const keys = ['billing_contacts', 'billing_webhook_url', 'plan_metadata', 'flags'] as const;
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * Creates the settings service; it only ever reads or writes `caller.tenantId`. A replacement that
 * changes something is logged as `tenant.account.updated` in the same transaction.
 */
export function createTenantSettingsService(deps: {
  db: Kysely<IdentityDatabase>;
  activity?: ActivityRecorder;
}): TenantSettingsService {
  const settings = createTenantSettingsRepository(deps.db);

  const load = async (caller: TenantCaller) => {
    const row = await settings.get(caller.tenantId);
    if (!row) throw new AppError('NotFound', 'Tenant settings not found.');
    return row;
  };

  return {
    getSettings: async (caller) => tenantSettingsPayload(await load(caller)),

    async replaceSettings(caller, ifMatchVersion, body) {
      if (ifMatchVersion === undefined) {
        throw new AppError('PreconditionRequired', 'If-Match header is required to update tenant settings.');
      }
      const current = await load(caller);
      let flags: TenantFlags = body.flags;
      if (!isOperator(caller.scopes)) {
        if (!sameFeatureFlags(body.flags, current.flags)) {
          throw new AppError('Forbidden', 'feature.* flags are managed by platform operators.');
        }
        const kept = Object.entries(current.flags).filter(([key]) => key.startsWith(FEATURE_FLAG_PREFIX));
        flags = { ...body.flags, ...Object.fromEntries(kept) };
      }
      const content: TenantSettingsContent = {
        billing_contacts: body.billing_contacts,
        billing_webhook_url: body.billing_webhook_url,
        plan_metadata: body.plan_metadata,
        flags,
      };
      const row = await inTransaction(deps.db, async (trx) => {
        const replaced = await createTenantSettingsRepository(trx).replace(
          caller.tenantId,
          ifMatchVersion,
          content,
        );
        if (replaced) {
          const fields = changedFields(current, replaced);
          await recordTenantAccountUpdated(deps.activity, trx, caller, { type: 'tenant_settings' }, fields);
        }
        return replaced;
      });
      if (!row) {
        throw new AppError('Conflict', 'Tenant settings were changed by someone else; reload and retry.', {
          details: { current_version: current.version },
        });
      }
      return tenantSettingsPayload(row);
    },
  };
}
