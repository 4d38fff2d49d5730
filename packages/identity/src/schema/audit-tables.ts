import type { TenantId, UserId } from '@starter/contracts';
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { LoginResult } from './identity-enums.js';
import type { JsonColumnWithDefault, JsonObject } from './json-column.js';
import type { CreatedAt } from './users-tables.js';

export interface SecurityEventsTable {
  id: GeneratedAlways<number>;
  event_type: string;
  user_id: UserId | null;
  tenant_id: TenantId | null;
  ip_hash: string | null;
  ua_hash: string | null;
  metadata: JsonColumnWithDefault<JsonObject>;
  created_at: CreatedAt;
}

export interface UserLoginEventsTable {
  id: GeneratedAlways<number>;
  /** Null when the email matched no user (such attempts still count toward the IP throttle). */
  user_id: UserId | null;
  tenant_id: TenantId | null;
  result: LoginResult;
  reason: string | null;
  ip_hash: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
}

export interface UserConsentsTable {
  id: Generated<string>;
  user_id: UserId;
  policy_key: string;
  version: string;
  accepted_at: CreatedAt;
  ip_hash: string | null;
  user_agent_hash: string | null;
}

export interface UserNotificationPreferencesTable {
  id: Generated<string>;
  user_id: UserId;
  /** Null for a preference that applies across tenants. */
  tenant_id: TenantId | null;
  channel: string;
  category: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
