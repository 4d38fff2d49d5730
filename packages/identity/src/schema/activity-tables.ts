import type { TenantId, UserId } from '@starter/contracts';
import type { GeneratedAlways } from 'kysely';
import type { JsonColumnWithDefault, JsonObject } from './json-column.js';
import type { CreatedAt } from './users-tables.js';

/** Who performed an activity (spec §10.3): a person, a machine credential, an operator or the platform. */
export type ActivityActorType = 'user' | 'service_account' | 'operator' | 'system';

/** Whether the audited action succeeded. */
export type ActivityStatus = 'success' | 'failure';

/** `activity_events` (spec §9.1): the tenant audit log; `tenant_id` is null for platform-level events. */
export interface ActivityEventsTable {
  id: GeneratedAlways<number>;
  tenant_id: TenantId | null;
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
  ip_hash: string | null;
  user_agent: string | null;
  metadata: JsonColumnWithDefault<JsonObject>;
  created_at: CreatedAt;
}

/** `activity_event_receipts`: one user's read / dismissed marks on one event (unique per user and event). */
export interface ActivityEventReceiptsTable {
  tenant_id: TenantId;
  user_id: UserId;
  event_id: number;
  read_at: Date | null;
  dismissed_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** `activity_last_seen`: a user's "mark all read" position in a tenant's feed. */
export interface ActivityLastSeenTable {
  tenant_id: TenantId;
  user_id: UserId;
  /** Every event of the tenant with an id up to this one counts as read. */
  last_event_id: number;
  last_seen_at: Date;
}
