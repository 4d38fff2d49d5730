import type { TenantId, UserId } from '@starter/contracts';
import type { ColumnType, Generated } from 'kysely';
import type { TenantRole } from '../authorization/tenant-roles.js';
import type {
  MemberInviteStatus,
  SignupInviteStatus,
  SignupRequestStatus,
  SignupReservationStatus,
} from './identity-enums.js';
import type { JsonColumnWithDefault, JsonObject } from './json-column.js';
import type { CreatedAt } from './users-tables.js';

export interface TenantMemberInvitesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  /** Peppered hash of the one-time token; the token itself is shown once and never stored. */
  token_hash: string;
  token_hint: string;
  invited_email: string;
  role: TenantRole;
  status: ColumnType<MemberInviteStatus, MemberInviteStatus | undefined, MemberInviteStatus>;
  expires_at: Date;
  invited_by: UserId | null;
  accepted_by: UserId | null;
  accepted_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TenantSignupInvitesTable {
  id: Generated<string>;
  token_hash: string;
  token_hint: string;
  /** When set, only this email may redeem the invite. */
  invited_email: string | null;
  max_redemptions: ColumnType<number, number | undefined, number>;
  redeemed_count: ColumnType<number, number | undefined, number>;
  expires_at: Date;
  status: ColumnType<SignupInviteStatus, SignupInviteStatus | undefined, SignupInviteStatus>;
  signup_request_id: string | null;
  note: string | null;
  /** The operator who issued it (token subject). */
  issued_by: string | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TenantSignupInviteReservationsTable {
  id: Generated<string>;
  invite_id: string;
  email: string;
  status: ColumnType<SignupReservationStatus, SignupReservationStatus | undefined, SignupReservationStatus>;
  expires_at: Date;
  tenant_id: TenantId | null;
  user_id: UserId | null;
  released_at: Date | null;
  consumed_at: Date | null;
  created_at: CreatedAt;
}

export interface TenantSignupRequestsTable {
  id: Generated<string>;
  email: string;
  organization: string;
  full_name: string;
  message: string | null;
  ip_hash: string | null;
  user_agent: string | null;
  status: ColumnType<SignupRequestStatus, SignupRequestStatus | undefined, SignupRequestStatus>;
  decision_reason: string | null;
  /** The operator who approved or rejected it (token subject). */
  decided_by: string | null;
  decided_at: Date | null;
  invite_id: string | null;
  metadata: JsonColumnWithDefault<JsonObject>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}
