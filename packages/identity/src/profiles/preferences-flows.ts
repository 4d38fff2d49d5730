import { AppError, type TenantId } from '@starter/contracts';
import type { CallerContext, FlowResult } from '../password-flows/caller-context.js';
import { createConsentsRepository } from '../repositories/consents-repository.js';
import { createNotificationPreferencesRepository } from '../repositories/notification-preferences-repository.js';
import type { ConsentRow, NotificationPreferenceRow } from '../schema/identity-database.js';
import type { RecordConsentBody, UpsertNotificationPreferenceBody } from './profile-schemas.js';
import type { ProfileServiceDeps } from './profile-service-deps.js';

/** One accepted policy as listed. */
export interface ConsentView {
  policy_key: string;
  version: string;
  accepted_at: string;
}

/** One notification preference as listed; `tenant_id: null` applies across tenants. */
export interface NotificationPreferenceView {
  id: string;
  tenant_id: TenantId | null;
  channel: string;
  category: string;
  enabled: boolean;
}

/** Consents and notification preferences (spec §1.9). */
export interface PreferencesFlows {
  listConsents(caller: CallerContext): Promise<FlowResult<ConsentView[]>>;
  /** Records a consent; repeating the same policy key and version returns the first record. */
  recordConsent(caller: CallerContext, body: RecordConsentBody): Promise<FlowResult<ConsentView>>;
  /** The caller's preferences in the token's tenant plus the cross-tenant ones. */
  listNotificationPreferences(caller: CallerContext): Promise<FlowResult<NotificationPreferenceView[]>>;
  /** Upserts one preference in the caller's tenant (default) or across tenants (`tenant_id: null`). */
  upsertNotificationPreference(
    caller: CallerContext,
    body: UpsertNotificationPreferenceBody,
  ): Promise<FlowResult<NotificationPreferenceView>>;
}

const consentView = (row: ConsentRow): ConsentView => ({
  policy_key: row.policy_key,
  version: row.version,
  accepted_at: new Date(row.accepted_at).toISOString(),
});

const preferenceView = (row: NotificationPreferenceRow): NotificationPreferenceView => ({
  id: row.id,
  tenant_id: row.tenant_id,
  channel: row.channel,
  category: row.category,
  enabled: row.enabled,
});

/** Creates the consent and notification preference flows. */
export function createPreferencesFlows(deps: ProfileServiceDeps): PreferencesFlows {
  const consents = createConsentsRepository(deps.db);
  const preferences = createNotificationPreferencesRepository(deps.db);

  return {
    async listConsents(caller) {
      const rows = await consents.list(caller.userId);
      return { message: 'Consents.', data: rows.map(consentView) };
    },

    async recordConsent(caller, body) {
      const row = await consents.record(caller.userId, {
        policyKey: body.policy_key,
        version: body.version,
        ipHash: body.ip_hash ?? null,
        userAgentHash: body.user_agent_hash ?? null,
      });
      return { message: 'Consent recorded.', data: consentView(row) };
    },

    async listNotificationPreferences(caller) {
      const rows = await preferences.list(caller.userId, caller.tenantId);
      return { message: 'Notification preferences.', data: rows.map(preferenceView) };
    },

    async upsertNotificationPreference(caller, body) {
      const tenantId = body.tenant_id === undefined ? caller.tenantId : body.tenant_id;
      // A caller may set cross-tenant preferences or ones in the token's tenant, never another tenant's.
      if (tenantId !== null && tenantId !== caller.tenantId) {
        throw new AppError('Forbidden', 'Tenant mismatch for this preference.');
      }
      const row = await preferences.upsert(caller.userId, {
        tenantId,
        channel: body.channel,
        category: body.category,
        enabled: body.enabled,
      });
      return { message: 'Notification preference saved.', data: preferenceView(row) };
    },
  };
}
