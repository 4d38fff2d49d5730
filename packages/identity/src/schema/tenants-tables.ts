import type { JsonValue, TenantId, UserId } from '@starter/contracts';
import type { ColumnType, Generated } from 'kysely';
import type { TenantRole } from '../authorization/tenant-roles.js';
import type { TenantStatus } from './identity-enums.js';
import type { JsonColumnWithDefault, JsonObject } from './json-column.js';
import type { CreatedAt } from './users-tables.js';

export interface TenantAccountsTable {
  id: Generated<TenantId>;
  slug: string;
  name: string;
  status: ColumnType<TenantStatus, TenantStatus | undefined, TenantStatus>;
  /** When the tenant first became active. */
  activated_at: Date | null;
  suspended_at: Date | null;
  deprovisioned_at: Date | null;
  /** The last status change: when, why and by whom (`user:<uuid>`, `service-account:<name>`, `system`). */
  status_changed_at: Date | null;
  status_reason: string | null;
  status_actor: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** One billing contact of a tenant. */
export type BillingContact = { [key: string]: JsonValue } & { email: string };

/** Tenant flags: booleans (`feature.<key>`), strings or numbers. */
export type TenantFlags = { [key: string]: JsonValue };

export interface TenantSettingsTable {
  tenant_id: TenantId;
  billing_contacts: JsonColumnWithDefault<BillingContact[]>;
  billing_webhook_url: string | null;
  plan_metadata: JsonColumnWithDefault<JsonObject>;
  flags: JsonColumnWithDefault<TenantFlags>;
  /** Optimistic-concurrency version, starting at 1; exposed as the settings `ETag`. */
  version: ColumnType<number, number | undefined, number>;
  updated_at: CreatedAt;
}

export interface TenantUserMembershipsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  user_id: UserId;
  role: TenantRole;
  invited_by: UserId | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
